/** Form pieces shared by the UIs. */
export { Options, type OptionsProps } from './forms/Options';
