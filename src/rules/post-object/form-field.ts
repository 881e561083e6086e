type Form = Readonly<Record<string, string>>;

const lowerCaseViews = new WeakMap<Form, ReadonlyMap<string, string>>();

/**
 * A PostObject field by its lower-case name. The API reference says field names are
 * case-insensitive (the troubleshooting page disagrees); matching case-insensitively
 * never rejects a form OSS accepts. When two spellings occur, the first one wins.
 */
export function formField(form: Form, lowerName: string): string | undefined {
  let view = lowerCaseViews.get(form);
  if (view === undefined) {
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(form)) {
      const lower = name.toLowerCase();
      if (!map.has(lower)) map.set(lower, value);
    }
    lowerCaseViews.set(form, map);
    view = map;
  }
  return view.get(lowerName);
}

/** A field that is present with a non-empty value; OSS reports an empty credential field as missing. */
export function filledField(form: Form, lowerName: string): string | undefined {
  const value = formField(form, lowerName);
  return value === undefined || value === '' ? undefined : value;
}
