/** Form pieces shared by the UIs. */
export { Options, type OptionsProps } from './forms/Options';
export { slugOf } from './forms/slug';
export { useLeaveWarning } from './forms/useLeaveWarning';
