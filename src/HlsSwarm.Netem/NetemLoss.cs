namespace HlsSwarm.Netem;

/// <summary>
/// How a link loses datagrams: independent (uniform) loss, or the Gilbert-Elliott two-state burst model
/// (a "good" and a "bad" state, each with its own loss probability, switching with the given probabilities per datagram).
/// </summary>
/// <param name="GoodLoss">Loss probability in the good state (the only state for uniform loss), 0..1.</param>
/// <param name="GoodToBad">Probability per datagram of moving from good to bad; 0 means uniform loss.</param>
/// <param name="BadToGood">Probability per datagram of moving from bad back to good.</param>
/// <param name="BadLoss">Loss probability in the bad state, 0..1.</param>
public readonly record struct NetemLoss(double GoodLoss, double GoodToBad = 0, double BadToGood = 1, double BadLoss = 0)
{
    /// <summary>No loss.</summary>
    public static NetemLoss None => default;

    /// <summary>Independent loss with probability <paramref name="probability"/>.</summary>
    public static NetemLoss Uniform(double probability) => new(probability);

    /// <summary>
    /// Gilbert-Elliott burst loss (Gilbert 1960, Elliott 1963; the model Linux netem calls <c>gemodel</c>).
    /// </summary>
    public static NetemLoss GilbertElliott(double goodToBad, double badToGood, double goodLoss = 0, double badLoss = 1) =>
        new(goodLoss, goodToBad, badToGood, badLoss);
}
