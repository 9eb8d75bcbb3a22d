package tripwire.cli;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.DeleverageDecoder;
import tripwire.codecs.DepositDecoder;
import tripwire.codecs.FillDecoder;
import tripwire.codecs.InsuranceFundMovementDecoder;
import tripwire.codecs.LiquidationFillDecoder;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.LiquidationPenaltyDecoder;
import tripwire.codecs.MarginWarningDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.OracleStatusDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.codecs.UndecodableInputDecoder;
import tripwire.codecs.WithdrawDecoder;
import tripwire.replay.TemplateCounts;

/** Event type names of SBE template ids, as the scenario format spells them. */
final class TemplateNames
{
    private TemplateNames()
    {
    }

    static String of(final int templateId)
    {
        switch (templateId)
        {
            case AssetDefinitionDecoder.TEMPLATE_ID: return "asset";
            case MarketDefinitionDecoder.TEMPLATE_ID: return "market";
            case DepositDecoder.TEMPLATE_ID: return "deposit";
            case WithdrawDecoder.TEMPLATE_ID: return "withdraw";
            case FillDecoder.TEMPLATE_ID: return "fill";
            case TickDecoder.TEMPLATE_ID: return "tick";
            case LiquidationFillDecoder.TEMPLATE_ID: return "liquidationFill";
            case UndecodableInputDecoder.TEMPLATE_ID: return "undecodable";
            case LiquidationOrderDecoder.TEMPLATE_ID: return "liquidationOrder";
            case RejectionDecoder.TEMPLATE_ID: return "rejection";
            case LiquidationPenaltyDecoder.TEMPLATE_ID: return "liquidationPenalty";
            case InsuranceFundMovementDecoder.TEMPLATE_ID: return "insuranceFund";
            case MarginWarningDecoder.TEMPLATE_ID: return "marginWarning";
            case DeleverageDecoder.TEMPLATE_ID: return "deleverage";
            case OracleStatusDecoder.TEMPLATE_ID: return "oracleStatus";
            case TemplateCounts.SHORT_FRAME: return "shorter than a header";
            default: return "template " + templateId;
        }
    }
}
