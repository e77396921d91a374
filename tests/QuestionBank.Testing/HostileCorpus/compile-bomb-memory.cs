// hostile: a kilobyte of doubling constant strings that the compiler folds into a billion characters (2 GB)
// exercise: lstm
// expect: compile_error, memory_limit, timeout
// limits: memory=2048, timeout=120
public class Solution
{
    private const string A0 = "0123456789abcdef";
    private const string A1 = A0 + A0;
    private const string A2 = A1 + A1;
    private const string A3 = A2 + A2;
    private const string A4 = A3 + A3;
    private const string A5 = A4 + A4;
    private const string A6 = A5 + A5;
    private const string A7 = A6 + A6;
    private const string A8 = A7 + A7;
    private const string A9 = A8 + A8;
    private const string A10 = A9 + A9;
    private const string A11 = A10 + A10;
    private const string A12 = A11 + A11;
    private const string A13 = A12 + A12;
    private const string A14 = A13 + A13;
    private const string A15 = A14 + A14;
    private const string A16 = A15 + A15;
    private const string A17 = A16 + A16;
    private const string A18 = A17 + A17;
    private const string A19 = A18 + A18;
    private const string A20 = A19 + A19;
    private const string A21 = A20 + A20;
    private const string A22 = A21 + A21;
    private const string A23 = A22 + A22;
    private const string A24 = A23 + A23;
    private const string A25 = A24 + A24;
    private const string A26 = A25 + A25;
    private const string B = A26 + "!";

    public void Run(ExerciseContext ctx) => Console.WriteLine(B.Length);
}
