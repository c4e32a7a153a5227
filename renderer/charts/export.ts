// Exporting a dashboard chart as a standalone SVG or PNG file: the drawn SVG with its computed colours and fonts
// written into it (the stylesheet does not travel with the file), its title, and its legend when it has one.
import { download } from '../files';
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-family', 'font-weight'];
const NS = 'http://www.w3.org/2000/svg';


export function chartSvg(figure: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const drawn = figure.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
  if (!drawn) throw new Error('This chart has nothing drawn to export.');
  const clone = drawn.cloneNode(true) as SVGSVGElement;
  const from = drawn.querySelectorAll<SVGElement>('*');
  const to = clone.querySelectorAll<SVGElement>('*');
  from.forEach((element, i) => {
    const computed = getComputedStyle(element);
    for (const property of STYLED) to[i]!.style.setProperty(property, computed.getPropertyValue(property));
  });
  const { width, height: chartHeight } = drawn.getBoundingClientRect();
  const legend = [...figure.querySelectorAll<HTMLElement>('.recharts-legend-item')].map((item) => ({
    label: item.textContent ?? '',
    colour: item.querySelector('path, rect')?.getAttribute('fill') ?? '#888',
  }));
  const columns = Math.max(1, Math.floor(width / 260));
  const legendHeight = Math.ceil(legend.length / columns) * 20 + (legend.length ? 10 : 0);
  const top = 34;
  const height = top + chartHeight + legendHeight;

  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('xmlns', NS);
  root.setAttribute('width', String(Math.round(width)));
  root.setAttribute('height', String(Math.round(height)));
  root.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const add = (name: string, attributes: Record<string, string>, text?: string) => {
    const element = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (text !== undefined) element.textContent = text;
    root.appendChild(element);
    return element;
  };
  add('title', {}, title);
  add('rect', { x: '0', y: '0', width: '100%', height: '100%', fill: '#ffffff' });
  add('text', { x: '8', y: '22', 'font-size': '16', 'font-weight': '700', 'font-family': 'system-ui, sans-serif', fill: '#17202c' }, title);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(top));
  root.appendChild(clone);
  legend.forEach((item, i) => {
    const x = 8 + (i % columns) * 260;
    const y = top + chartHeight + 10 + Math.floor(i / columns) * 20;
    add('rect', { x: String(x), y: String(y), width: '10', height: '10', fill: item.colour });
    add('text', { x: String(x + 16), y: String(y + 9), 'font-size': '12', 'font-family': 'system-ui, sans-serif', fill: '#17202c' }, item.label);
  });
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

export function exportSvg(figure: HTMLElement, title: string): Promise<string | null> {
  const { svg } = chartSvg(figure, title);
  return download(new Blob([svg], { type: 'image/svg+xml' }), `${title}.svg`);
}

export async function exportPng(figure: HTMLElement, title: string): Promise<string | null> {
  const { svg, width, height } = chartSvg(figure, title);
  const image = new Image();
  const source = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  image.src = source;
  await image.decode().finally(() => setTimeout(() => URL.revokeObjectURL(source), 1000));
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be turned into a PNG.');
  return download(blob, `${title}.png`);
}
