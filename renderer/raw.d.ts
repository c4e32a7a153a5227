// Files bundled as text by Vite (`?raw`): the method page shown under Help.
declare module '*.md?raw' {
  const text: string;
  export default text;
}
