/**
 * The application template every sandbox user gets (in production templates are made in the CoPilot
 * web UI only). It carries what a partner fixes once: sales code, hierarchy, processing platform,
 * pricing and fees; the application supplies the business, owners and bank details.
 */
export function defaultTemplate(): Record<string, unknown> {
  return {
    salesCode: "API1",
    custPrimaryAcctFlg: true,
    webLeadFlg: false,
    hierarchy: { corpLevel: "000000000001", chainLevel: "000000000002", sponsorBankCd: "WELLS" },
    processing: {
      platformDetails: {
        backEndPlatformCd: "FDNOB",
        frontEndPlatformCd: "FDNOF",
        amexProgramAssetCd: "OPTBLUE",
        discoverProgramCd: "MAP",
        currencyCode: "USD",
        mccId: "5999",
        acquiringFlg: true,
        frontEndMid: null,
        backEndMid: null,
        processorReportingMid: null,
      },
      businessDetails: {
        customerBillPriorToShipFlg: false,
        depositreqForFulfillFlg: false,
        whenCustomerChargedCd: "WHENSERV",
        refundPolicyCd: "LESSEQL30",
        serviceProvidedInCd: "30LESS",
      },
      volumeDetails: { averageMonthlyVolume: 25000, highTicketAmount: 1000, averageTicketAmount: 50 },
      modeOfTransaction: { eCommercePct: 0, keyedPct: 10, mailOrderPct: 0, swipedPct: 90 },
    },
    pricing: {
      flatPricing: {
        amex: { esaQualDiscountPct: 2.9, optBlueQualDiscountPct: 2.9 },
        discover: { qualCreditDiscountPct: 2.6 },
        mastercard: { qualCreditDiscountPct: 2.6 },
        visa: { qualCreditDiscountPct: 2.6 },
      },
    },
    fees: {
      authFee: 0.1,
      transactionFee: 0.1,
      statementFee: 9.95,
      chargebackFee: 25,
      pciProgramCd: "ANNUAL",
      pciAnnualFee: 99,
      duesAndAssessmentsFlg: true,
      passthruInterchgCostsFlg: false,
    },
  };
}
