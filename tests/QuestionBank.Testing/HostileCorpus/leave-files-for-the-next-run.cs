// hostile: plants files where a later run might find them, then fails
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        foreach (var path in new[] { "/tmp/qb-planted", "/dev/shm/qb-planted", "/var/tmp/qb-planted", "/job/qb-planted", "/app/qb-planted" })
        {
            try { File.WriteAllText(path, "planted"); Console.WriteLine("planted " + path); }
            catch (Exception e) { Console.WriteLine("refused " + path + ": " + e.GetType().Name); }
        }
        throw new InvalidOperationException("planted what I could");
    }
}
