package gen

// This file holds the fixed catalogue the generator draws from: assets,
// hand-written campaigns, sales reps, accounts' name parts and people's
// names. Campaign dates are day offsets from 2026-04-01 (day 0) over a
// 183-day half year; other ranges are rescaled.

// Asset types, as written in assets.csv.
const (
	whitePaper    = "white_paper"
	ebook         = "ebook"
	caseStudy     = "case_study"
	webinarAsset  = "webinar"
	datasheet     = "datasheet"
	analystReport = "analyst_report"
	video         = "video"
	demo          = "demo"
)

// asset is one row of assets.csv.
type asset struct {
	name string
	typ  string
}

// curatedAssets are A001..A025 in order.
var curatedAssets = []asset{
	{"The CFO's Guide to Revenue Forecasting", whitePaper},
	{"Pipeline Hygiene: A Practical Framework", whitePaper},
	{"2026 State of Sales Forecasting Report", whitePaper},
	{"Why Spreadsheet Forecasts Fail", whitePaper},
	{"Data Governance for Revenue Teams", whitePaper},
	{"50 Sales Metrics Every Leader Should Track", ebook},
	{"The RevOps Playbook", ebook},
	{"Quota Setting Made Simple", ebook},
	{"How Northwind Cut Forecast Error by 30%", caseStudy},
	{"Contoso Financial: One Forecast, Forty Teams", caseStudy},
	{"Fabrikam Health Closes the Quarter Five Days Faster", caseStudy},
	{"Tailspin Retail: From Gut Feel to Data", caseStudy},
	{"Litware Manufacturing Customer Story", caseStudy},
	{"Webinar Recording: Pipeline Forecasting 101", webinarAsset},
	{"Webinar Recording: Forecast Accuracy Benchmarks", webinarAsset},
	{"Webinar Recording: AI in Sales Operations", webinarAsset},
	{"Product Datasheet: Forecast Cloud", datasheet},
	{"Security & Compliance Overview", datasheet},
	{"Integrations Datasheet", datasheet},
	{"Gartner Magic Quadrant for Revenue Intelligence (reprint)", analystReport},
	{"Forrester Wave: Revenue Operations Platforms (reprint)", analystReport},
	{"2-Minute Product Tour", video},
	{"Customer Video: Northwind on Forecast Cloud", video},
	{"Interactive Demo: Forecast Cloud", demo},
	{"Live Demo Request", demo},
}

// Regions as written in leads.csv; index into regionNames.
const (
	regNA = iota
	regEMEA
	regAPAC
	regLATAM
	numRegions
)

var regionNames = [numRegions]string{"NA", "EMEA", "APAC", "LATAM"}

// regionWeight is the share of accounts (and of leads) per region.
var regionWeight = [numRegions]float64{0.52, 0.28, 0.13, 0.07}

// regionUTCOffset is a typical business-hours offset from UTC, in hours.
var regionUTCOffset = [numRegions][2]int{{-5, -8}, {1, 0}, {8, 10}, {-3, -5}}

var industries = []string{"Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education"}
var industryWeight = []float64{0.30, 0.19, 0.13, 0.16, 0.12, 0.10}

const industryFS = 1

// campaign is one campaign: its row in campaigns.csv and the behaviour of
// the people it reaches.
type campaign struct {
	name    string
	channel string
	start   int // day offset, -1 when absent
	end     int // day offset, -1 when absent
	cost    float64

	acq    float64 // leads acquired per day (relative intensity)
	nur    float64 // touches on existing leads per day (relative weight)
	mqlQ   float64 // MQL hazard multiplier for a touch on this campaign
	leadQ  float64 // quality multiplier for leads it acquires
	junk   float64 // share of students / non-buyers among leads it acquires
	assets []int   // indexes into the asset list
	assetP float64 // chance that a touch carries one of the assets

	region   int  // -1: any region; else only leads of that region
	abm      bool // touches only leads in targeted accounts
	abmFS    bool // targets Financial Services accounts only
	webinar  bool // touches cluster on the live day (end date)
	quarterQ bool // name has a {Q} placeholder for the start quarter
}

// md returns the day offset of 2026-month-dom from 2026-04-01.
func md(month, dom int) int {
	cum := map[int]int{4: 0, 5: 30, 6: 61, 7: 91, 8: 122, 9: 153}
	return cum[month] + dom - 1
}

// curatedCampaigns are C001..C040 in order. Special ones: C009 and C019
// bring many weak responders; C015 and C027 are the strong programs.
func curatedCampaigns() []campaign {
	none := -1
	return []campaign{
		{name: "Website - Organic Search", channel: "organic", start: none, end: none, cost: 0,
			acq: 60, nur: 10, mqlQ: 1.0, leadQ: 1.0, junk: 0.06, assets: []int{0, 1, 2, 5, 6, 21}, assetP: 0.45, region: -1},
		{name: "Website - Request a Demo", channel: "organic", start: md(4, 1), end: md(9, 30), cost: 0,
			acq: 9, nur: 4, mqlQ: 9, leadQ: 1.5, junk: 0.02, assets: []int{24}, assetP: 1, region: -1},
		{name: "Google Ads - Brand Search", channel: "paid_search", start: md(4, 1), end: none, cost: 42000,
			acq: 16, nur: 4, mqlQ: 1.5, leadQ: 1.2, junk: 0.04, assets: []int{23, 16}, assetP: 0.3, region: -1},
		{name: "Google Ads - Non-Brand: Sales Forecasting", channel: "paid_search", start: md(4, 1), end: md(9, 30), cost: 54000,
			acq: 16, nur: 2, mqlQ: 0.9, leadQ: 0.95, junk: 0.08, assets: []int{2, 3}, assetP: 0.6, region: -1},
		{name: "LinkedIn Lead Gen - CFO persona", channel: "paid_social", start: md(5, 15), end: md(8, 14), cost: 36000,
			acq: 22, nur: 3, mqlQ: 0.9, leadQ: 0.95, junk: 0.06, assets: []int{0}, assetP: 0.95, region: -1},
		{name: "LinkedIn Lead Gen - RevOps persona", channel: "paid_social", start: md(4, 6), end: md(6, 30), cost: 24000,
			acq: 18, nur: 3, mqlQ: 0.9, leadQ: 0.95, junk: 0.06, assets: []int{1, 6}, assetP: 0.9, region: -1},
		{name: "Meta Retargeting - Website Visitors", channel: "paid_social", start: md(6, 1), end: md(9, 30), cost: 14500,
			acq: 3, nur: 8, mqlQ: 0.8, leadQ: 0.9, junk: 0.1, assets: []int{21, 16}, assetP: 0.5, region: -1},
		{name: "TechTarget Syndication - Forecasting White Paper", channel: "content_syndication", start: md(4, 13), end: md(7, 17), cost: 26000,
			acq: 22, nur: 1, mqlQ: 0.85, leadQ: 0.9, junk: 0.1, assets: []int{2, 3}, assetP: 1, region: -1},
		{name: "NetLine Content Syndication - Sales Metrics eBook", channel: "content_syndication", start: md(7, 1), end: md(9, 15), cost: 31000,
			acq: 45, nur: 1, mqlQ: 0.35, leadQ: 0.5, junk: 0.55, assets: []int{5}, assetP: 1, region: -1},
		{name: "Gartner Magic Quadrant Syndication", channel: "content_syndication", start: md(6, 1), end: md(9, 30), cost: 48000,
			acq: 10, nur: 4, mqlQ: 1.3, leadQ: 1.2, junk: 0.03, assets: []int{19}, assetP: 1, region: -1},
		{name: "Forrester Wave Reprint Distribution", channel: "content_syndication", start: md(4, 1), end: md(5, 31), cost: 18000,
			acq: 8, nur: 3, mqlQ: 1.2, leadQ: 1.1, junk: 0.04, assets: []int{20}, assetP: 1, region: -1},
		{name: "{Q} Webinar: Pipeline Forecasting 101", channel: "webinar", start: md(4, 20), end: md(5, 14), cost: 4500,
			acq: 10, nur: 14, mqlQ: 1.2, leadQ: 1.05, junk: 0.05, assets: []int{13}, assetP: 0.8, region: -1, webinar: true, quarterQ: true},
		{name: "{Q} Webinar: Building a RevOps Team", channel: "webinar", start: md(6, 1), end: md(6, 18), cost: 3800,
			acq: 8, nur: 12, mqlQ: 1.1, leadQ: 1.0, junk: 0.05, region: -1, webinar: true, quarterQ: true},
		{name: "{Q} Webinar: Forecast Accuracy Benchmarks 2026", channel: "webinar", start: md(7, 6), end: md(7, 23), cost: 4200,
			acq: 10, nur: 14, mqlQ: 1.2, leadQ: 1.05, junk: 0.05, assets: []int{14}, assetP: 0.8, region: -1, webinar: true, quarterQ: true},
		{name: "Customer Webinar: How Northwind Cut Forecast Error 30%", channel: "webinar", start: md(7, 27), end: md(8, 20), cost: 5200,
			acq: 30, nur: 2, mqlQ: 6, leadQ: 1.9, junk: 0.02, assets: []int{8}, assetP: 1, region: -1, webinar: true},
		{name: "{Q} Webinar: AI in Sales Operations", channel: "webinar", start: md(8, 31), end: md(9, 17), cost: 4600,
			acq: 12, nur: 14, mqlQ: 1.1, leadQ: 1.0, junk: 0.06, assets: []int{15}, assetP: 0.8, region: -1, webinar: true, quarterQ: true},
		{name: "AWS Summit London booth", channel: "event", start: md(4, 22), end: md(4, 23), cost: 38000,
			acq: 140, nur: 12, mqlQ: 1.0, leadQ: 1.0, junk: 0.12, region: regEMEA},
		{name: "SaaStr Annual booth", channel: "event", start: md(5, 12), end: md(5, 14), cost: 72000,
			acq: 110, nur: 10, mqlQ: 1.0, leadQ: 1.0, junk: 0.12, region: -1},
		{name: "Sales Tech Expo Las Vegas - badge scan", channel: "event", start: md(8, 18), end: md(8, 20), cost: 85000,
			acq: 250, nur: 1, mqlQ: 0.35, leadQ: 0.5, junk: 0.5, region: -1},
		{name: "Forecasting Roadshow: New York Executive Dinner", channel: "event", start: md(6, 10), end: md(6, 10), cost: 14000,
			acq: 20, nur: 30, mqlQ: 2.4, leadQ: 1.6, junk: 0, region: regNA},
		{name: "Sydney Sales Leaders Breakfast", channel: "event", start: md(9, 3), end: md(9, 3), cost: 9000,
			acq: 25, nur: 10, mqlQ: 1.4, leadQ: 1.2, junk: 0.05, region: regAPAC},
		{name: "Email Nurture - New Lead Welcome Series", channel: "email", start: md(4, 1), end: md(9, 30), cost: 1500,
			acq: 0, nur: 30, mqlQ: 0.8, leadQ: 1, assets: []int{16, 21, 1}, assetP: 0.3, region: -1},
		{name: "Email Nurture - Forecasting Track", channel: "email", start: md(4, 1), end: md(9, 30), cost: 1200,
			acq: 0, nur: 22, mqlQ: 0.9, leadQ: 1, assets: []int{0, 3, 9, 10}, assetP: 0.5, region: -1},
		{name: "Monthly Newsletter", channel: "email", start: md(4, 1), end: md(9, 30), cost: 2400,
			acq: 0, nur: 26, mqlQ: 0.5, leadQ: 1, assets: []int{11, 15, 4}, assetP: 0.25, region: -1},
		{name: "Product Launch Email: Forecast AI", channel: "email", start: md(7, 8), end: md(7, 22), cost: 900,
			acq: 0, nur: 40, mqlQ: 1.1, leadQ: 1, assets: []int{23, 16}, assetP: 0.5, region: -1},
		{name: "Customer Story Email Series", channel: "email", start: md(5, 4), end: md(6, 26), cost: 1100,
			acq: 0, nur: 20, mqlQ: 1.3, leadQ: 1, assets: []int{9, 10, 11, 12}, assetP: 0.9, region: -1},
		{name: "ABM - Strategic Accounts Program", channel: "abm", start: md(4, 1), end: md(9, 30), cost: 95000,
			acq: 20, nur: 0, mqlQ: 6, leadQ: 1.6, junk: 0, assets: []int{8, 9, 19, 23}, assetP: 0.6, region: -1, abm: true},
		{name: "ABM - Financial Services Tier 1", channel: "abm", start: md(7, 1), end: md(9, 30), cost: 42000,
			acq: 5, nur: 0, mqlQ: 5, leadQ: 1.5, junk: 0, assets: []int{9, 17}, assetP: 0.6, region: -1, abm: true, abmFS: true},
		{name: "Direct Mail - Executive Gift Box", channel: "direct_mail", start: md(6, 8), end: md(7, 24), cost: 18500,
			acq: 1, nur: 5, mqlQ: 1.8, leadQ: 1.3, junk: 0, region: regNA},
		{name: "Partner Referral Program", channel: "partner", start: none, end: none, cost: 12000,
			acq: 8, nur: 0, mqlQ: 2.0, leadQ: 1.4, junk: 0.02, region: -1},
		{name: "Partner Co-Marketing Webinar with DataBridge", channel: "partner", start: md(5, 19), end: md(6, 9), cost: 6000,
			acq: 6, nur: 6, mqlQ: 1.3, leadQ: 1.1, junk: 0.04, assets: []int{13}, assetP: 0.6, region: -1, webinar: true},
		{name: "Capterra Pay-Per-Lead", channel: "paid_search", start: md(4, 1), end: md(9, 30), cost: 21000,
			acq: 10, nur: 0, mqlQ: 0.7, leadQ: 0.8, junk: 0.15, region: -1},
		{name: "YouTube Product Videos", channel: "organic", start: md(4, 1), end: md(9, 30), cost: 0,
			acq: 4, nur: 10, mqlQ: 0.9, leadQ: 1, junk: 0.08, assets: []int{21, 22}, assetP: 0.9, region: -1},
		{name: "LinkedIn Retargeting - Case Studies", channel: "paid_social", start: md(6, 22), end: md(9, 30), cost: 16000,
			acq: 3, nur: 10, mqlQ: 1.4, leadQ: 1.1, junk: 0.04, assets: []int{8, 10, 12}, assetP: 1, region: -1},
		{name: "Podcast Sponsorship - The RevOps Show", channel: "paid_social", start: md(5, 1), end: md(7, 31), cost: 12000,
			acq: 5, nur: 3, mqlQ: 0.8, leadQ: 1, junk: 0.08, region: -1},
		{name: "LATAM Webinar: Previsión de Ventas 2026", channel: "webinar", start: md(6, 23), end: md(7, 9), cost: 2500,
			acq: 8, nur: 4, mqlQ: 1.1, leadQ: 1, junk: 0.06, assets: []int{13}, assetP: 0.7, region: regLATAM, webinar: true},
		{name: "Channel Partner MDF - Reseller Campaign", channel: "partner", start: md(7, 13), end: md(9, 25), cost: 15000,
			acq: 5, nur: 2, mqlQ: 1.2, leadQ: 1.1, junk: 0.05, region: -1},
		{name: "Win-back Email - Closed Lost Prospects", channel: "email", start: md(8, 3), end: md(8, 28), cost: 600,
			acq: 0, nur: 10, mqlQ: 0.7, leadQ: 1, region: -1},
		{name: "{Q} Webinar: Forecasting, Simplified (EMEA)", channel: "webinar", start: md(5, 25), end: md(6, 11), cost: 3100,
			acq: 8, nur: 6, mqlQ: 1.1, leadQ: 1, junk: 0.05, assets: []int{13}, assetP: 0.7, region: regEMEA, webinar: true, quarterQ: true},
		{name: "Gartner CSO & Sales Leader Conference booth", channel: "event", start: md(9, 22), end: md(9, 23), cost: 60000,
			acq: 70, nur: 10, mqlQ: 1.4, leadQ: 1.3, junk: 0.04, region: -1},
	}
}

// Extra campaigns (beyond the curated ones) are made from these parts.
var extraTopics = []string{"Forecast Accuracy", "Pipeline Reviews", "Territory Planning", "Quota Design",
	"Deal Inspection", "Revenue Intelligence", "Sales Capacity", "Churn Signals", "Win-Loss Analysis",
	"Commission Planning", "Data Hygiene", "Board Reporting"}
var extraCities = []string{"Chicago", "Austin", "Toronto", "London", "Paris", "Munich", "Amsterdam",
	"Stockholm", "Singapore", "Tokyo", "Sydney", "Sao Paulo", "Mexico City", "Boston", "Denver", "Dublin"}
var extraCityRegion = []int{regNA, regNA, regNA, regEMEA, regEMEA, regEMEA, regEMEA,
	regEMEA, regAPAC, regAPAC, regAPAC, regLATAM, regLATAM, regNA, regNA, regEMEA}

// rep is a sales rep. speed picks a follow-up latency profile.
type rep struct {
	name   string
	region int
	speed  int // 0 fast, 1 typical, 2 slow
}

// repGreg is the rep who books cold pipeline at quarter end.
const repGreg = 1

var reps = []rep{
	{"Dana Whitfield", regNA, 0},
	{"Greg Paulson", regNA, 1},
	{"Marcus Lee", regNA, 1},
	{"Rachel Moreau", regNA, 0},
	{"Tom Becker", regNA, 2},
	{"Hannah Schultz", regEMEA, 1},
	{"Liam O'Connor", regEMEA, 2},
	{"Sofia Alvarez", regEMEA, 0},
	{"Aisha Karimi", regEMEA, 1},
	{"Priya Raman", regAPAC, 1},
	{"Kenji Watanabe", regAPAC, 2},
	{"Diego Fernandez", regLATAM, 1},
}

// latencyProfile[speed] are the chances of the follow-up buckets 0-5m,
// 5m-1h, 1h-24h, 1d-7d, >7d, never. The mix over reps is close to
// 15/25/25/20/10/5.
var latencyProfile = [3][6]float64{
	{0.24, 0.31, 0.22, 0.13, 0.06, 0.04},
	{0.14, 0.25, 0.26, 0.21, 0.09, 0.05},
	{0.06, 0.18, 0.27, 0.26, 0.16, 0.07},
}

// Account names are root + suffix; the e-mail domain is the lower-cased root
// plus suffix under example.com.
var accountRoots = []string{"Bluepeak", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum",
	"Woodgrove", "Lucerne", "Proseware", "Wingtip", "Coho", "Fourth Coffee", "Margie", "Alpine", "Graphic",
	"Humongous", "Trey", "Wide World", "Blue Yonder", "Lamna", "Relecloud", "Vanarsdel", "Nod", "Bellows",
	"Cascade", "Redwood", "Ironclad", "Silverline", "Brightwater", "Summit", "Harbor", "Granite", "Maple",
	"Orchid", "Quartz", "Kestrel", "Falcon", "Juniper", "Sequoia", "Aurora", "Beacon", "Cobalt", "Drift",
	"Ember", "Fjord", "Helix", "Indigo", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quill", "Ridge",
	"Sable", "Tidal", "Umber", "Vertex", "Willow"}

// accountForms tell apart accounts that share a root and suffix.
var accountForms = []string{"", "Group", "International", "Holdings", "Global", "Partners", "Solutions", "Worldwide"}

var accountSuffixes = []string{"Analytics", "Systems", "Health", "Bank", "Logistics", "Labs", "Retail",
	"Manufacturing", "Software", "Capital", "Insurance", "Foods", "Energy", "Networks", "Media", "Group",
	"Partners", "Robotics", "University", "Pharma"}

// name is a person's name with the ASCII form used in e-mail addresses.
type name struct{ text, ascii string }

var firstNames = []name{
	{"Jane", "jane"}, {"Michael", "michael"}, {"Olivia", "olivia"}, {"James", "james"}, {"Emma", "emma"},
	{"Liam", "liam"}, {"Ava", "ava"}, {"Noah", "noah"}, {"Sophia", "sophia"}, {"Ethan", "ethan"},
	{"Isabella", "isabella"}, {"Lucas", "lucas"}, {"Mia", "mia"}, {"Daniel", "daniel"}, {"Charlotte", "charlotte"},
	{"Matthew", "matthew"}, {"Amelia", "amelia"}, {"David", "david"}, {"Harper", "harper"}, {"Joseph", "joseph"},
	{"Emily", "emily"}, {"Samuel", "samuel"}, {"Abigail", "abigail"}, {"Henry", "henry"}, {"Ella", "ella"},
	{"Benjamin", "benjamin"}, {"Grace", "grace"}, {"Andrew", "andrew"}, {"Chloé", "chloe"}, {"Ryan", "ryan"},
	{"Nora", "nora"}, {"Kevin", "kevin"}, {"Zoë", "zoe"}, {"Brian", "brian"}, {"Laura", "laura"},
	{"José", "jose"}, {"María", "maria"}, {"Carlos", "carlos"}, {"Lucía", "lucia"}, {"Mateo", "mateo"},
	{"Valentina", "valentina"}, {"João", "joao"}, {"Ana", "ana"}, {"Pedro", "pedro"}, {"Camila", "camila"},
	{"Jürgen", "juergen"}, {"Anna", "anna"}, {"Lukas", "lukas"}, {"Lena", "lena"}, {"Søren", "soeren"},
	{"Ingrid", "ingrid"}, {"Pierre", "pierre"}, {"Camille", "camille"}, {"Giulia", "giulia"}, {"Marco", "marco"},
	{"Aoife", "aoife"}, {"Sean", "sean"}, {"Fatima", "fatima"}, {"Omar", "omar"}, {"Yara", "yara"},
	{"Wei", "wei"}, {"Mei", "mei"}, {"Hiroshi", "hiroshi"}, {"Yuki", "yuki"}, {"Min-jun", "minjun"},
	{"Ji-woo", "jiwoo"}, {"Arjun", "arjun"}, {"Ananya", "ananya"}, {"Rohan", "rohan"}, {"Divya", "divya"},
	{"Chidi", "chidi"}, {"Amara", "amara"}, {"Kwame", "kwame"}, {"Zanele", "zanele"}, {"Tariq", "tariq"},
	{"Leila", "leila"}, {"Nikolai", "nikolai"}, {"Katarzyna", "katarzyna"}, {"Tomasz", "tomasz"}, {"Elena", "elena"},
}

var lastNames = []name{
	{"Doe", "doe"}, {"Smith", "smith"}, {"Johnson", "johnson"}, {"Williams", "williams"}, {"Brown", "brown"},
	{"Jones", "jones"}, {"Garcia", "garcia"}, {"Miller", "miller"}, {"Davis", "davis"}, {"Rodriguez", "rodriguez"},
	{"Martinez", "martinez"}, {"Hernandez", "hernandez"}, {"Lopez", "lopez"}, {"Gonzalez", "gonzalez"}, {"Wilson", "wilson"},
	{"Anderson", "anderson"}, {"Thomas", "thomas"}, {"Taylor", "taylor"}, {"Moore", "moore"}, {"Jackson", "jackson"},
	{"Martin", "martin"}, {"Lee", "lee"}, {"Perez", "perez"}, {"Thompson", "thompson"}, {"White", "white"},
	{"Harris", "harris"}, {"Clark", "clark"}, {"Lewis", "lewis"}, {"Robinson", "robinson"}, {"Walker", "walker"},
	{"Young", "young"}, {"Allen", "allen"}, {"King", "king"}, {"Wright", "wright"}, {"Scott", "scott"},
	{"O'Brien", "obrien"}, {"McCarthy", "mccarthy"}, {"Murphy", "murphy"}, {"Kelly", "kelly"}, {"Byrne", "byrne"},
	{"Müller", "mueller"}, {"Schmidt", "schmidt"}, {"Schneider", "schneider"}, {"Fischer", "fischer"}, {"Weber", "weber"},
	{"Dubois", "dubois"}, {"Lefèvre", "lefevre"}, {"Rossi", "rossi"}, {"Bianchi", "bianchi"}, {"Jensen", "jensen"},
	{"Nielsen", "nielsen"}, {"Andersson", "andersson"}, {"Kowalski", "kowalski"}, {"Nowak", "nowak"}, {"Novák", "novak"},
	{"Silva", "silva"}, {"Santos", "santos"}, {"Oliveira", "oliveira"}, {"Souza", "souza"}, {"Fernández", "fernandez"},
	{"Wang", "wang"}, {"Li", "li"}, {"Zhang", "zhang"}, {"Chen", "chen"}, {"Tanaka", "tanaka"},
	{"Suzuki", "suzuki"}, {"Sato", "sato"}, {"Kim", "kim"}, {"Park", "park"}, {"Nguyen", "nguyen"},
	{"Patel", "patel"}, {"Sharma", "sharma"}, {"Gupta", "gupta"}, {"Iyer", "iyer"}, {"Okafor", "okafor"},
	{"Mensah", "mensah"}, {"Haddad", "haddad"}, {"Khan", "khan"}, {"Ivanova", "ivanova"}, {"Van der Berg", "vanderberg"},
}

// Disqualify reasons; the empty reason is a real CRM habit.
var junkReasons = []string{"Student / not a buyer", "No budget", "Bad contact data", ""}
var junkReasonW = []float64{0.45, 0.27, 0.18, 0.10}
var normalReasons = []string{"No budget", "No project", "Competitor", "Duplicate", "Wrong region", "Bad contact data", ""}
var normalReasonW = []float64{0.28, 0.25, 0.11, 0.11, 0.08, 0.08, 0.09}

var contactRoles = []string{"Economic Buyer", "Decision Maker", "Champion", "Technical Evaluator", "Influencer", "End User"}

var activityTypes = []string{"call", "email", "meeting", "linkedin"}

var products = []string{"Forecast Cloud", "Forecast Cloud Enterprise", "Pipeline Analytics", "Forecast Cloud Expansion"}

// leadSource maps a channel to the CRM lead source text.
var leadSource = map[string][]string{
	"organic":             {"Web", "Organic Search", "Website"},
	"paid_search":         {"Paid Search", "Google Ads"},
	"paid_social":         {"Social Media", "LinkedIn"},
	"content_syndication": {"Content Syndication", "Purchased List"},
	"webinar":             {"Webinar"},
	"event":               {"Trade Show", "Event"},
	"email":               {"Email"},
	"abm":                 {"ABM", "Web"},
	"direct_mail":         {"Direct Mail"},
	"partner":             {"Partner Referral", "Partner"},
}
var salesSources = []string{"Outbound", "Cold Call", "Sales Generated", "Referral"}
