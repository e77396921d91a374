// hostile: opens /proc/self/mem for writing (File.OpenHandle, RandomAccess.Write) to overwrite libc's code pages, the way to run machine code without unsafe or interop; were the write let through, it would spin until the timeout
// exercise: lstm
// expect: failed
// limits: timeout=30
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var code = File.ReadLines("/proc/self/maps").First(line => line.Contains("libc.so") && line.Split(' ')[1].Contains('x'));
        var address = long.Parse(code.Split('-')[0], System.Globalization.NumberStyles.HexNumber);
        foreach (var path in new[] { "/proc/self/mem", "/proc/thread-self/mem", Directory.GetDirectories("/proc/self/task")[0] + "/mem" })
        {
            try
            {
                using var memory = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
                var bytes = new byte[16];
                RandomAccess.Read(memory, bytes, address);
                RandomAccess.Write(memory, bytes, address); // the same bytes back: harmless, but a write to code
                while (true)
                {
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.WriteLine(path + " refused: " + e.Message);
            }
        }
    }
}
