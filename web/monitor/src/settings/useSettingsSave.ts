import { useCallback, useState } from 'react';
import { apiFieldErrors, type FieldErrors } from './settings-model';

/** Where a settings form's save stands: the errors by field, whether it runs, what the last one did. */
export interface SettingsSave {
  errors: FieldErrors;
  saving: boolean;
  /** Said once a save went through, e.g. "Saved the vendor settings." */
  notice: string | undefined;
  /**
   * Saves: refused at once when the form's own checks found `invalid` fields; otherwise `put` saves and
   * returns what to say. The API's validation errors come back on their fields.
   */
  save(invalid: FieldErrors, put: () => Promise<string>): Promise<void>;
  /** Forgets errors and notice (the stored settings were read again). */
  clear(): void;
}

/** The save path the tenant and vendor settings forms share. */
export function useSettingsSave(): SettingsSave {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();

  const save = async (invalid: FieldErrors, put: () => Promise<string>) => {
    setNotice(undefined);
    if (Object.keys(invalid).length > 0) return setErrors(invalid);
    setErrors({});
    setSaving(true);
    try {
      setNotice(await put());
    } catch (err) {
      setErrors(apiFieldErrors(err));
    } finally {
      setSaving(false);
    }
  };
  const clear = useCallback(() => {
    setErrors({});
    setNotice(undefined);
  }, []);
  return { errors, saving, notice, save, clear };
}
