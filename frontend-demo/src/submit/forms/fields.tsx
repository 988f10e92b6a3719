/** Labelled inputs shared by the job forms: label, the input, help text, error message. */
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

interface FieldProps {
  label: string;
  help?: string;
  error?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}

export function Field({ label, help, error, children }: FieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " field--invalid" : ""}`}>
      <label class="field__label" for={id}>{label}</label>
      {children(id, describedBy)}
      {help && <p class="field__help" id={helpId}>{help}</p>}
      {error && <p class="field__error" id={errorId} role="alert">{error}</p>}
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  help?: string;
  error?: string;
  placeholder?: string;
  type?: "text" | "number" | "datetime-local" | "date" | "time";
  min?: number | string;
  max?: number | string;
  step?: string;
  /** The unit the value is in, shown after the input (`s`, `h`). */
  unit?: string;
  /** Values to suggest while typing (a `<datalist>`). */
  suggestions?: string[];
}

export function TextField({ label, value, onInput, help, error, placeholder, type = "text",
                            min, max, step, unit, suggestions }: TextProps) {
  return (
    <Field label={unit ? `${label} (${unit})` : label} help={help} error={error}>
      {(id, describedBy) => (
        <span class="input-with-unit">
          <input
            id={id}
            class="input"
            // Preact types each input type's attributes apart; these share the same ones.
            type={type as "text"}
            value={value}
            placeholder={placeholder}
            min={min}
            max={max}
            step={step}
            list={suggestions ? `${id}-suggestions` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onInput={(event) => onInput(event.currentTarget.value)}
          />
          {unit && <span class="input-unit" aria-hidden="true">{unit}</span>}
          {suggestions && (
            <datalist id={`${id}-suggestions`}>
              {suggestions.map((s) => <option key={s} value={s} />)}
            </datalist>
          )}
        </span>
      )}
    </Field>
  );
}

interface SelectProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  help?: string;
  error?: string;
  disabled?: boolean;
}

export function SelectField({ label, value, options, onChange, help, error, disabled }: SelectProps) {
  return (
    <Field label={label} help={help} error={error}>
      {(id, describedBy) => (
        <select
          id={id}
          class="input"
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      )}
    </Field>
  );
}

interface MultiSelectProps {
  label: string;
  values: string[];
  options: { value: string; label: string }[];
  onChange: (values: string[]) => void;
  help?: string;
  error?: string;
}

/** Several choices at once (none chosen: the field is left out). */
export function MultiSelectField({ label, values, options, onChange, help, error }: MultiSelectProps) {
  return (
    <Field label={label} help={help} error={error}>
      {(id, describedBy) => (
        <select
          id={id}
          class="input input--multiple"
          multiple
          size={Math.min(6, Math.max(2, options.length))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(
            [...event.currentTarget.selectedOptions].map((option) => option.value))}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={values.includes(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: string;
  error?: string;
}

export function CheckboxField({ label, checked, onChange, help, error }: CheckboxProps) {
  const id = useId();
  return (
    <div class={`field field--checkbox${error ? " field--invalid" : ""}`}>
      <input id={id} type="checkbox" checked={checked}
             onChange={(event) => onChange(event.currentTarget.checked)} />
      <label for={id}>{label}</label>
      {help && <p class="field__help">{help}</p>}
      {error && <p class="field__error" role="alert">{error}</p>}
    </div>
  );
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
}
