// OpenSSL's libcrypto (Debian libssl-dev): the MAC (ChaCha20-Poly1305) that authenticates cache files,
// HMAC-SHA256 for deriving its key.
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
