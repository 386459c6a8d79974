/** Start-up of a UI: runtime config → sign-in → API client → the app. */
export { AppRoot, type AppRootProps, startApp } from './AppRoot';
