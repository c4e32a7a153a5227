// The "Open recent" list, kept as JSON in the user-data folder.
import fs from 'node:fs';
import path from 'node:path';

const LIMIT = 10;

export class RecentRegisters {
  private readonly file: string;
  constructor(userData: string) {
    this.file = path.join(userData, 'recent-registers.json');
  }

  list(): string[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, LIMIT) : [];
    } catch {
      return [];
    }
  }

  add(filePath: string): string[] {
    return this.write([filePath, ...this.list().filter((p) => p !== filePath)]);
  }

  remove(filePath: string): string[] {
    return this.write(this.list().filter((p) => p !== filePath));
  }

  clear(): string[] {
    return this.write([]);
  }

  private write(paths: string[]): string[] {
    const kept = paths.slice(0, LIMIT);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(kept, null, 2));
    return kept;
  }
}
