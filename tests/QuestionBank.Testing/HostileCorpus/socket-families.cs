// hostile: creates sockets of the families a run never needs (inet, inet6, packet, and any other the runtime lets through), e.g. vsock, which a network namespace does not isolate on a VM host; were one let through, it would spin until the timeout
// exercise: lstm
// expect: failed
// limits: timeout=30
using System.Net.Sockets;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var attempts = new (AddressFamily Family, SocketType Type, ProtocolType Protocol)[]
        {
            (AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp),
            (AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp),
            (AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp),
            (AddressFamily.Packet, SocketType.Raw, ProtocolType.Unspecified),
            ((AddressFamily)40, SocketType.Stream, ProtocolType.Unspecified), // AF_VSOCK
            ((AddressFamily)16, SocketType.Raw, ProtocolType.Unspecified), // AF_NETLINK
        };
        foreach (var (family, type, protocol) in attempts)
        {
            try
            {
                using var socket = new Socket(family, type, protocol);
                Console.WriteLine(family + " opened");
                while (true)
                {
                }
            }
            catch (Exception e) when (e is SocketException or NotSupportedException or ArgumentException)
            {
                Console.WriteLine(family + " refused: " + e.Message);
            }
        }
    }
}
