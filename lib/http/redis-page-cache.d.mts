export declare function encode(entry: unknown): string;
export declare function decode(text: string): unknown;
export declare function applyTag(tag: string, update: { stale?: number; expired?: number }): void;
declare class RedisPageCache {
  static connect(serverDistDir: string, waitMs?: number): Promise<boolean>;
}
export default RedisPageCache;
