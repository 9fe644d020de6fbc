import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { filledShare, JobProgress, type JobProgressProps } from '../../renderer/widgets/JobProgress';

// The one progress and cancel UI of long work: what a person and a screen reader are told, how full the bar is,
// and that Cancel calls back (once asked, it is disabled).

const render = (props: JobProgressProps) => renderToStaticMarkup(<JobProgress {...props} />);

/** The elements of a rendered tree, depth first (JobProgress renders no component of its own). */
function elements(node: ReactNode): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Record<string, unknown>>(node)) return [];
  return [node, ...elements(node.props.children as ReactNode)];
}

describe('JobProgress', () => {
  it('names the bar, gives done of total and the line of words to assistive technology', () => {
    const html = render({ label: 'Files scanned', done: 1200, total: 4083, text: '1,200 of 4,083 files' });
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-label="Files scanned"');
    expect(html).toContain('aria-valuenow="1200"');
    expect(html).toContain('aria-valuemax="4083"');
    expect(html).toContain('aria-valuetext="1,200 of 4,083 files"');
    expect(html).toMatch(/<p role="status" aria-live="polite">1,200 of 4,083 files<\/p>/);
    expect(html).toContain('width:29.4%');
    expect(html).not.toContain('<button');
  });

  it('shows an unknown total as a running bar with no value', () => {
    const html = render({ label: 'Files scanned', done: 0, total: 0, text: 'Looking for Python files…' });
    expect(html).toContain('class="job-bar is-unknown"');
    expect(html).not.toContain('aria-valuenow');
    expect(html).not.toContain('aria-valuemax');
  });

  it('counts the unit under way as half done, never more than all', () => {
    expect(filledShare(0, 5)).toBe(0.1);
    expect(filledShare(2, 5)).toBe(0.5);
    expect(filledShare(5, 5)).toBe(1);
    expect(filledShare(7, 5)).toBe(1);
    expect(filledShare(3, 0)).toBe(0);
  });

  it('has a Cancel with the words given that calls back, disabled once a cancel was asked', () => {
    let cancels = 0;
    const props = {
      label: 'Export in progress',
      done: 2,
      total: 5,
      text: 'Step 3 of 5: Printing the PDF…',
      cancelLabel: 'Cancel export',
      onCancel: () => cancels++,
    };
    const html = render(props);
    expect(html).toMatch(/<button type="button" data-autofocus="true">Cancel export<\/button>/);
    const button = elements(JobProgress(props)).find((element) => element.type === 'button')!;
    (button.props.onClick as () => void)();
    expect(cancels).toBe(1);
    expect(render({ ...props, cancelling: true })).toMatch(
      /<button type="button" data-autofocus="true" disabled="">Cancel export<\/button>/,
    );
  });
});
