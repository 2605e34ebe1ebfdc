export declare function captchaSources(env: Record<string, string | undefined>): { origins: string[]; marker: string | undefined };
export declare function inlineScriptHashes(html: string): string[];
export declare function policy(p: {
  scripts: string[];
  captcha?: string[];
  frames?: string[];
  reportUri?: string;
  https?: boolean;
}): string;
export declare function pagePolicy(html: string, env?: Record<string, string | undefined>): string;
export declare function noncePolicy(nonce: string, env?: Record<string, string | undefined>, extra?: { frames?: string[] }): string;
export declare const NO_SCRIPT_POLICY: string;
