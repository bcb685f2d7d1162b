namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// JS <c>toLowerCase()</c>/<c>toUpperCase()</c> (Unicode default case conversion, locale-independent), built on
/// .NET's invariant simple mapping plus the special cases where the two differ for text found in playlists.
/// </summary>
internal static class JsCase
{
    public static string ToLower(string s)
    {
        var lower = s.ToLowerInvariant();
        if (!s.Contains('\u0130') && !s.Contains('\u03A3'))
        {
            return lower;
        }

        var sb = new System.Text.StringBuilder(s.Length + 4);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\u0130')
            {
                sb.Append("i\u0307"); // SpecialCasing: LATIN CAPITAL LETTER I WITH DOT ABOVE lowers to two code points.
            }
            else if (s[i] == '\u03A3' && IsFinalSigma(s, i))
            {
                sb.Append('\u03C2'); // Final_Sigma context.
            }
            else
            {
                sb.Append(lower[i]);
            }
        }

        return sb.ToString();
    }

    public static string ToUpper(string s)
    {
        var upper = s.ToUpperInvariant();
        return s.Contains('\u00DF') ? upper.Replace("\u00DF", "SS", StringComparison.Ordinal) : upper;
    }

    // Preceded by a cased letter and not followed by one (case-ignorable characters skipped, approximated by
    // non-spacing marks and format characters).
    private static bool IsFinalSigma(string s, int i)
    {
        int before = i - 1;
        while (before >= 0 && IsCaseIgnorable(s[before]))
        {
            before--;
        }

        if (before < 0 || !char.IsLetter(s[before]))
        {
            return false;
        }

        int after = i + 1;
        while (after < s.Length && IsCaseIgnorable(s[after]))
        {
            after++;
        }

        return after >= s.Length || !char.IsLetter(s[after]);
    }

    private static bool IsCaseIgnorable(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.EnclosingMark
            || c is '\'' or '.' or ':' or '\u00B7' or '\u2019';
}
