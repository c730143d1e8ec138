import type { ReactNode } from 'react';

interface PagerProps {
  /** The pager's name for assistive technology: "Contact pages". */
  label: string;
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  /** Also "First" and "Last", for lists long enough to want them. */
  ends?: boolean;
  /** Shown before the buttons: where the reader is ("Page 2 of 5 | ..."). */
  children?: ReactNode;
  /**
   * The id of the heading of the table it pages: focus goes there after a move, so the reader
   * starts at the new page's top (and never lands on `<body>` when the pressed button disables).
   */
  headingId?: string;
}

/** The buttons under a table shown one page at a time: a button is disabled where it would not move. */
export function Pager({ label, page, pageCount, onPage, ends = false, children, headingId }: PagerProps) {
  const move = (to: number) => {
    onPage(to);
    const heading = headingId ? document.getElementById(headingId) : null;
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'nearest' });
  };
  const button = (text: string, to: number, disabled: boolean) => (
    <button type="button" className="button button-secondary" disabled={disabled} onClick={() => move(to)}>
      {text}
    </button>
  );
  return (
    <nav className="pager" aria-label={label}>
      {children}
      {ends && button('First', 1, page <= 1)}
      {button('Previous', page - 1, page <= 1)}
      {button('Next', page + 1, page >= pageCount)}
      {ends && button('Last', pageCount, page >= pageCount)}
    </nav>
  );
}
