import { useEffect, useRef, type ReactNode } from 'react';

/** A screen: its heading takes focus when it opens, so keyboard and screen-reader users land on it. */
export function Page({
  title,
  children,
  focusOnOpen = true,
}: {
  title: string;
  children: ReactNode;
  focusOnOpen?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
