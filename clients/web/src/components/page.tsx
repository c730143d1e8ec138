import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/**
 * A page: its title in the browser's tab and its one `<h1>`. After a move from another page,
 * focus goes to the heading, so keyboard and screen reader users start at the new page's top.
 */
export function Page({
  title,
  children,
  wide = false,
  className,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  /** A page's own styles (its print layout, say). */
  className?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Secure Employer Website`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <div className={[wide ? 'page page-wide' : 'page', className].filter(Boolean).join(' ')}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
