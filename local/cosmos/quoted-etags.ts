/**
 * Azure Cosmos DB's `_etag` is a quoted entity tag (`"00000000-0000-…"`), so it can go out in an HTTP `ETag`
 * header as it is and come back in a standard `If-Match: "…"`. @vercel/cosmosdb-server makes a bare UUID
 * and compares `If-Match` with it byte for byte, so locally a client that sent back the standard quoted
 * form got 412. Every stored document goes through `Documents#_set` (create, replace, upsert, patch and the
 * restore of a snapshot), so quoting there makes the stand-in hand out and compare etags as Azure does,
 * including for documents saved by an older run.
 */
import Documents from '@vercel/cosmosdb-server/lib/account/documents';

type SetFn = (this: unknown, data: Record<string, unknown>) => unknown;
const proto = Documents.prototype as unknown as { _set: SetFn & { quotesEtags?: true } };

/** Installs the quoting once per process (idempotent). */
export function quoteStandInEtags(): void {
  if (proto._set.quotesEtags) return;
  const original = proto._set;
  const quoting: SetFn & { quotesEtags?: true } = function (this: unknown, data) {
    const tag = data._etag;
    return original.call(
      this,
      typeof tag === 'string' && !tag.startsWith('"') ? { ...data, _etag: `"${tag}"` } : data,
    );
  };
  quoting.quotesEtags = true;
  proto._set = quoting;
}
