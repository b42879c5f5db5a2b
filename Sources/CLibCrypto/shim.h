// OpenSSL's libcrypto (Debian libssl-dev): HMAC-SHA256 for authenticating cache files.
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
