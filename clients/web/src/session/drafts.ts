/**
 * What a person typed into a form that was not saved when the session ended elsewhere: kept in
 * this page's memory only (never in storage), handed back once when the same person signs in
 * again and the form opens, and dropped when someone else signs in or the person signs out.
 */
const drafts = new Map<string, unknown>();

export function keepDraft(key: string, value: unknown): void {
  drafts.set(key, value);
}

/** The kept draft of this form, once: taking it removes it. */
export function takeDraft<T>(key: string): T | undefined {
  const draft = drafts.get(key) as T | undefined;
  drafts.delete(key);
  return draft;
}

export function forgetDrafts(): void {
  drafts.clear();
}
