import { getFramework, isFrameworkId } from '../../shared/catalog/frameworks';
import { getRuntime } from '../../shared/catalog/runtimes';

// Catalogue ids as people read them; an id Carve does not know is shown as written.

export const frameworkLabel = (id: string): string => (isFrameworkId(id) ? getFramework(id).name : id);
export const runtimeLabel = (id: string): string => getRuntime(id)?.name ?? id;
/** One formatter for every count: toLocaleString builds a new one per call (about 0.1 ms, once per node drawn). */
const THOUSANDS = new Intl.NumberFormat('en-US');
export const formatLines = (n: number): string => THOUSANDS.format(n);
