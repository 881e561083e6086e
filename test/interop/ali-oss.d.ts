// The parts of ali-oss 6.23 these tests use; the package ships no declarations.
declare module 'ali-oss' {
  type Headers = Record<string, string>;

  namespace OSS {
    interface Options {
      accessKeyId: string;
      accessKeySecret: string;
      stsToken?: string;
      bucket?: string;
      region?: string;
      endpoint?: string;
      sldEnable?: boolean;
      cname?: boolean;
      authorizationV4?: boolean;
      amendTimeSkewed?: number;
      timeout?: number;
      retryMax?: number;
    }
    interface Response {
      status: number;
      headers: Record<string, string>;
    }
    interface Result {
      res: Response;
      name?: string;
      etag?: string;
      content?: Buffer;
      status?: number;
      nextAppendPosition?: string;
      tag?: Record<string, string>;
      data?: unknown;
      bucket?: string;
    }
    interface RequestOptions {
      headers?: Headers;
      mime?: string;
      position?: string | number;
      partSize?: number;
      parallel?: number;
    }
    interface ServiceError extends Error {
      code: string;
      status: number;
      requestId?: string;
      hostId?: string;
    }
  }

  class OSS {
    constructor(options: OSS.Options);
    put(name: string, file: Buffer, options?: OSS.RequestOptions): Promise<OSS.Result>;
    get(name: string, file?: undefined, options?: OSS.RequestOptions): Promise<OSS.Result>;
    head(name: string, options?: OSS.RequestOptions): Promise<OSS.Result>;
    delete(name: string, options?: OSS.RequestOptions): Promise<OSS.Result>;
    append(name: string, file: Buffer, options?: OSS.RequestOptions): Promise<OSS.Result>;
    copy(
      name: string,
      sourceName: string,
      bucketName?: string,
      options?: OSS.RequestOptions,
    ): Promise<OSS.Result>;
    multipartUpload(name: string, file: Buffer, options?: OSS.RequestOptions): Promise<OSS.Result>;
    putObjectTagging(
      name: string,
      tag: Record<string, string>,
      options?: OSS.RequestOptions,
    ): Promise<OSS.Result>;
    getObjectTagging(name: string, options?: OSS.RequestOptions): Promise<OSS.Result>;
    signatureUrl(
      name: string,
      options?: { expires?: number; method?: string; 'Content-Type'?: string },
    ): string;
    signatureUrlV4(
      method: string,
      expires: number,
      request?: { headers?: Headers; queries?: Record<string, string> },
      objectName?: string,
      additionalHeaders?: string[],
    ): Promise<string>;
    calculatePostSignature(policy: object | string): {
      OSSAccessKeyId: string;
      Signature: string;
      policy: string;
    };
  }

  export = OSS;
}
