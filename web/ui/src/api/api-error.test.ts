import { describe, expect, it } from 'vitest';
import { ApiError, errorText } from './api-error';

describe('errorText', () => {
  it("says an API error's message with its stable code", () => {
    expect(errorText(new ApiError(409, 'RULE.CONFLICT', 'The silence changed meanwhile'))).toBe(
      'The silence changed meanwhile (RULE.CONFLICT)',
    );
  });

  it('prints anything else as it is', () => {
    expect(errorText(new TypeError('Failed to fetch'))).toBe('TypeError: Failed to fetch');
    expect(errorText('offline')).toBe('offline');
  });
});
