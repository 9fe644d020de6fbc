import type { ReactNode } from 'react';

/** The inspector's heading: what is selected ("Service"), then what names or counts it. Labels the inspector. */
export function InspectorHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="panel-head">
      <h2 id="inspector-title" className="panel-title">
        {title}
      </h2>
      {children}
    </div>
  );
}
