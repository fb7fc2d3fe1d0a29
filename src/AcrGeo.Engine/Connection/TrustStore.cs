using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace AcrGeo.Connection;

/// <summary>
/// The machine's trusted root certificates, read ahead. A process's first TLS handshake builds the server's chain and, on
/// Linux, reads the whole root store to do it: about 0.06 s on the path of every cold Connect-AcrGeo (the emulator's pinned
/// certificate is checked only after that chain is built too). Reading the store on another thread while the sign-in library
/// starts takes it off that path; .NET keeps what it read for every later chain.
/// </summary>
static class TrustStore
{
    static int started;

    public static void StartReading()
    {
        if (Interlocked.Exchange(ref started, 1) != 0) return;
        _ = Task.Run(() =>
        {
            try
            {
                using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                store.Open(OpenFlags.ReadOnly);
                foreach (var certificate in store.Certificates) certificate.Dispose();
            }
            catch (CryptographicException)
            {
                // Only a head start: a store that cannot be read is the handshake's to report, with its own error.
            }
        });
    }
}
