import { NAME_END, NAME_START } from './statement.ts';

/** A statement line with its names set apart as not for translation. */
export function Statement({ line }: { line: string }) {
  const parts = line.split(NAME_START);
  return (
    <>
      {parts.map((part, index) => {
        if (index === 0) return part;
        const [name = '', rest = ''] = part.split(NAME_END);
        return (
          <span key={index}>
            <span translate="no" className="statement-name">
              {name}
            </span>
            {rest}
          </span>
        );
      })}
    </>
  );
}
