// hostile: calls libc's syscall through NativeLibrary and a function pointer
// exercise: lstm
// expect: compile_error
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var libc = System.Runtime.InteropServices.NativeLibrary.Load("libc.so.6");
        var syscall = System.Runtime.InteropServices.NativeLibrary.GetExport(libc, "syscall");
        var call = System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer<Func<long, long, long>>(syscall);
        Console.WriteLine(call(250, 0));
    }
}
