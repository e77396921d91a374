// hostile: looks for the held-out data and the host through /proc and every readable folder
// exercise: cnn
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        foreach (var path in new[] { "/proc/1/environ", "/proc/1/cmdline", "/proc/self/mountinfo", "/proc/self/status", "/proc/kallsyms", "/proc/sys/kernel/hostname" })
        {
            try { Console.WriteLine(path + ": " + File.ReadAllText(path).Length + " chars"); }
            catch (Exception e) { Console.WriteLine(path + ": " + e.GetType().Name); }
        }
        foreach (var folder in new[] { "/", "/job", "/app", "/tmp", "/proc" })
        {
            try { Console.WriteLine(folder + ": " + string.Join(" ", Directory.GetFileSystemEntries(folder).Take(40))); }
            catch (Exception e) { Console.WriteLine(folder + ": " + e.GetType().Name); }
        }
        foreach (var folder in new[] { "/job", "/app", "/tmp", "/dev", "/opt" })
        {
            var held = Directory.GetFiles(folder, "*.bin", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
            Console.WriteLine("found " + string.Join(" ", held));
        }
    }
}
