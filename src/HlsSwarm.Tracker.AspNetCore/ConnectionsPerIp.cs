using System.Net;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Counts open connections per remote IP address to enforce <see cref="TrackerEndpointOptions.MaxConnectionsPerIp"/>.</summary>
internal sealed class ConnectionsPerIp
{
    private readonly Dictionary<IPAddress, int> _counts = new();
    private readonly int _max;

    public ConnectionsPerIp(int max)
    {
        _max = max;
    }

    /// <summary>Takes a slot for <paramref name="address"/>; false when the address is at its limit.</summary>
    public bool TryAcquire(IPAddress? address)
    {
        if (_max == 0 || address is null)
        {
            return true;
        }

        lock (_counts)
        {
            _counts.TryGetValue(address, out var n);
            if (n >= _max)
            {
                return false;
            }

            _counts[address] = n + 1;
            return true;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryAcquire"/>.</summary>
    public void Release(IPAddress? address)
    {
        if (_max == 0 || address is null)
        {
            return;
        }

        lock (_counts)
        {
            if (_counts.TryGetValue(address, out var n))
            {
                if (n <= 1)
                {
                    _counts.Remove(address);
                }
                else
                {
                    _counts[address] = n - 1;
                }
            }
        }
    }
}
