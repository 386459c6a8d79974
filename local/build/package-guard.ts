/**
 * The entry (`index.js`) of every Function app in a client package. It verifies the release manifest
 * beside it and the app's files against it before it loads the app's own bundle (`app.js`): a package
 * whose manifest does not verify, or whose files differ from it, throws here with a `PACKAGE.*` code,
 * and the Functions host fails to load the app. The trusted release public keys are embedded at build
 * time (`define`), not read from a setting: whoever may edit app settings must not be able to swap them.
 * Then it hands the verified version and the vendor's licence keys to the app (running-package.ts).
 */

import type { TrustedKey } from '@kpi/shared/platform/package/release-manifest';
import { announceRunningPackage } from '@kpi/shared/platform/package/running-package';
import { verifyPackagedApp } from '@kpi/shared/platform/package/verify-package';

declare const __PACKAGE_APP__: string;
declare const __RELEASE_JWKS__: { keys: TrustedKey[] };

const verified = verifyPackagedApp(__dirname, __PACKAGE_APP__, { trusted: __RELEASE_JWKS__.keys });
// The app takes its version and the vendor's licence keys from here (signed), not from app settings.
announceRunningPackage({
  version: verified.version,
  kid: verified.kid,
  ...(verified.licenseJwks ? { licenseJwks: verified.licenseJwks } : {}),
});
require('./app.js');
