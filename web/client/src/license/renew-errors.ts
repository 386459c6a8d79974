/** What a refused paste means, in words, from the API's stable error codes. */
import { reasonText } from './reasons';

export function renewErrorText(status: number, code: string, message: string): string {
  if (code.startsWith('LICENSE.') && status === 422)
    return `This key cannot be installed: ${reasonText(code).explanation} Nothing was changed.`;
  if (status === 403) return 'Only tenant admins and owners may install licence keys.';
  if (status === 400) return `That is not a licence key: ${message}`;
  if (status === 413) return 'That text is far longer than a licence key.';
  if (status === 0) return `The deployment could not be reached: ${message}`;
  return message;
}
