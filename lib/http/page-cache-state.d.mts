export declare const pageCacheState: {
  store: "file" | "redis";
  state: "local" | "connecting" | "connected" | "unreachable";
  since?: string;
  problem?: string;
};
export declare const pageCacheStats: Record<string, number>;
export declare const pageGeneration: { n: number };
export declare function pagesChanged(): void;
