export declare function electronBindingPath(root: string, versions: { betterSqlite3: string; electron: string; platform: string; arch: string }): string;
