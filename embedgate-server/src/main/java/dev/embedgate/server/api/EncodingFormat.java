package dev.embedgate.server.api;

/** How vectors are written in the response: JSON numbers, or base64 of little-endian float32 (as OpenAI does). */
enum EncodingFormat {
    FLOAT,
    BASE64
}
