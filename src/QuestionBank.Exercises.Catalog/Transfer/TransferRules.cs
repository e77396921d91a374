namespace QuestionBank.Exercises.Catalog.Transfer;

/// <summary>What the transfer exercise's data uses and its summary states.</summary>
public static class TransferRules
{
    /// <summary>How many labelled training images of each digit 5–9 the jail gets.</summary>
    public const int ImagesPerDigit = 50;

    /// <summary>How many held-out digits 5–9 the judge draws for each run.</summary>
    public const int HeldOutCount = 2000;
}
