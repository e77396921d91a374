// hostile: reads the mount tables (/proc/self/mountinfo, mounts, mountstats, and pid 1's) for the host's folders: its home, the repository, the runner's folder, the job folder, .NET and the sandbox home
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        foreach (var path in new[] { "/proc/self/mountinfo", "/proc/self/mounts", "/proc/self/mountstats", "/proc/1/mountinfo", "/proc/thread-self/mountinfo" })
        {
            try { Console.WriteLine(path + ":\n" + File.ReadAllText(path)); }
            catch (Exception e) { Console.WriteLine(path + ": " + e.GetType().Name); }
        }
    }
}
