"use client";

import { useState } from "react";

/**
 * Per-field error messages for a form: the attributes that tie an input to
 * its message (so screen readers announce it) and the message itself.
 * `prefix` keeps ids unique when a page has two forms.
 */
export function useFieldErrors(prefix = "") {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idOf = (name: string) => `${prefix}${name}-error`;
  return {
    errors,
    setErrors,
    field: (name: string) => ({
      "aria-invalid": errors[name] ? true : undefined,
      "aria-describedby": errors[name] ? idOf(name) : undefined,
    }),
    error: (name: string) =>
      errors[name] ? (
        <p id={idOf(name)} className="field-error">
          {errors[name]}
        </p>
      ) : null,
  };
}
