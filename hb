<!DOCTYPE html>

<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Compare regions · govreports</title>
  <link rel="stylesheet" href="/static/css/site.css">
  
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/css/charts.css"><link rel="stylesheet" href="/static/css/compare-map.css">
  
  <noscript><link rel="stylesheet" href="/static/css/nojs.css"></noscript>
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header">
    <a class="brand" href="/">govreports</a>
    <nav aria-label="Main navigation">
      <ul>
        
        <li><a href="/">Overview</a></li>
        <li><a href="/articles/">Articles</a></li>
        <li><a href="/compare/" aria-current="page">Compare regions</a></li>
        
      </ul>
    </nav>
    
    <form class="language-switch" action="/i18n/setlang/" method="post" aria-label="Interface language">
      <input type="hidden" name="csrfmiddlewaretoken" value="FdVxqYkV5OJq98uGGASZe8erJRgvFbQgMeWJrjdfDWoWvDx9E0z9VyFkciKGU3AI">
      <input name="next" type="hidden" value="/compare/?indicator=registered-volunteers&amp;regions=110101%2C110102%2C110103%2C110104%2C110105%2C110106%2C110107%2C110108%2C110109%2C110110%2C110111%2C110112%2C110113%2C110114%2C110115%2C110116%2C110117%2C110118%2C110119%2C110120%2C110121%2C110122%2C110123%2C110124%2C110125%2C110126%2C110127%2C110128%2C110129%2C110130%2C110131%2C110132%2C110133%2C110134%2C110135%2C110136%2C110137%2C110138%2C110139%2C110140%2C110141%2C110142%2C110143%2C110144%2C110145%2C110146%2C110147%2C110148%2C110149%2C110150%2C110151%2C110152%2C110153%2C110154%2C110155%2C110156%2C110157%2C110158%2C110159%2C110160%2C110161%2C110162%2C110163%2C110164%2C110165%2C110166%2C110167%2C110168%2C110169%2C110170%2C110171%2C110172%2C110173%2C110174%2C110175%2C110176%2C110177%2C110178%2C110179%2C110180%2C110181%2C110182%2C110183%2C110184%2C110185%2C110186%2C110187%2C110188%2C110189%2C110190%2C110191%2C110192%2C110193%2C110194%2C110195%2C110196%2C110197%2C110198%2C110199%2C110200%2C110201%2C110202%2C110203%2C110204%2C110205%2C110206%2C110207%2C110208%2C110209%2C110210%2C110211%2C110212%2C110213%2C110214%2C110215%2C110216%2C110217%2C110218%2C110219%2C110220%2C110221%2C110222%2C110223%2C110224%2C110225%2C110226%2C110227%2C110228%2C110229%2C110230%2C110231%2C110232%2C110233%2C110234%2C110235%2C110236%2C110237%2C110238%2C110239%2C110240%2C110241%2C110242%2C110243%2C110244%2C110245%2C110246%2C110247%2C110248%2C110249%2C110250%2C110251%2C110252%2C110253%2C110254%2C110255%2C110256%2C110257%2C110258%2C110259%2C110260%2C110261%2C110262%2C110263%2C110264%2C110265%2C110266%2C110267%2C110268%2C110269%2C110270%2C110271%2C110272%2C110273%2C110274%2C110275%2C110276%2C110277%2C110278%2C110279%2C110280%2C110281%2C110282%2C110283%2C110284%2C110285%2C110286%2C110287%2C110288%2C110289%2C110290%2C110291%2C110292%2C110293%2C110294%2C110295%2C110296%2C110297%2C110298%2C110299%2C110300%2C110301%2C110302%2C110303%2C110304%2C110305%2C110306%2C110307%2C110308%2C110309%2C110310%2C110311%2C110312%2C110313%2C110314%2C110315%2C110316%2C110317%2C110318%2C110319%2C110320%2C110321%2C110322%2C110323%2C110324%2C110325%2C110326%2C110327%2C110328%2C110329%2C110330%2C110331%2C110332%2C110333%2C110334%2C110335%2C110336%2C110337%2C110338%2C110339%2C110340%2C110341%2C110342%2C110343%2C110344%2C110345%2C110346%2C110347%2C110348%2C110349%2C110350%2C110351%2C110352%2C110353%2C110354%2C110355%2C110356%2C110357%2C110358%2C110359%2C110360%2C110361%2C110362%2C110363%2C110364%2C110365%2C110366%2C110367%2C110368%2C110369%2C110370%2C110371%2C110372%2C110373%2C110374%2C110375%2C110376%2C110377%2C110378%2C110379%2C110380%2C110381%2C110382%2C110383%2C110384%2C110385%2C110386%2C110387%2C110388%2C110389%2C110390%2C110391%2C110392%2C110393%2C110394%2C110395%2C110396%2C110397%2C110398%2C110399%2C110400%2C110401%2C110402%2C110403%2C110404%2C110405%2C110406%2C110407%2C110408%2C110409%2C110410%2C110411%2C110412%2C110413%2C110414%2C110415%2C110416%2C110417%2C110418%2C110419%2C110420%2C110421%2C110422%2C110423%2C110424%2C110425%2C110426%2C110427%2C110428%2C110429%2C110430%2C110431%2C110432%2C110433%2C110434%2C110435%2C110436%2C110437%2C110438%2C110439%2C110440%2C110441%2C110442%2C110443%2C110444%2C110445%2C110446%2C110447%2C110448%2C110449%2C110450%2C110451%2C110452%2C110453%2C110454%2C110455%2C110456%2C110457%2C110458%2C110459%2C110460%2C110461%2C110462%2C110463%2C110464%2C110465%2C110466%2C110467%2C110468%2C110469%2C110470%2C110471%2C110472%2C110473%2C110474%2C110475%2C110476%2C110477%2C110478%2C110479%2C110480%2C110481%2C110482%2C110483%2C110484%2C110485%2C110486%2C110487%2C110488%2C110489%2C110490%2C110491%2C110492%2C110493%2C110494%2C110495%2C110496%2C110497%2C110498%2C110499%2C110500">
      
      
      
        <button type="submit" name="language" value="zh-hans" lang="zh-hans" aria-pressed="false">简体中文</button>
      
        <button type="submit" name="language" value="en" lang="en" aria-pressed="true">English</button>
      
    </form>
  </header>
  <main id="main">
    
    




<h1>Compare regions</h1>
<p class="lead">Choose an indicator to compare the latest reported values across regions. Every value links to the article that reported it.</p>

<form method="get" action="/compare/" class="chart-form" novalidate data-drop-empty>
  
  
  
  
    <div class="chart-form__field">
      <label for="id_indicator">Indicator</label>
      <select name="indicator" id="id_indicator">
  <option value="">Choose an indicator</option>

  <option value="administrative-approvals">Administrative approvals processed (count) · 178 regions</option>

  <option value="afforestation-area">Afforestation area (mu) · 188 regions</option>

  <option value="air-quality-composite-index">Air-quality composite index (index) · 185 regions</option>

  <option value="assistance-funds">Assistance funds (yuan) · 178 regions</option>

  <option value="back-alleys-renovated">Back alleys renovated (count) · 187 regions</option>

  <option value="extreme-poverty-support-monthly">Basic living allowance for persons in extreme poverty (monthly) (yuan per person per month) · 161 regions</option>

  <option value="honour-candidates">Candidates nominated for honours (persons) · 195 regions</option>

  <option value="cases-filed">Cases filed (count) · 171 regions</option>

  <option value="cases-investigated">Cases investigated (count) · 179 regions</option>

  <option value="air-quality-index-change">Change of the air quality composite index (%) · 174 regions</option>

  <option value="children-assisted">Children assisted (persons) · 179 regions</option>

  <option value="minors-assisted">Children in difficulty assisted (persons) · 170 regions</option>

  <option value="civilization-practice-stations">Civilization practice stations (count) · 184 regions</option>

  <option value="classes">Classes (count) · 186 regions</option>

  <option value="markets-held">Community markets held (count) · 164 regions</option>

  <option value="community-service-centers">Community service centres (count) · 200 regions</option>

  <option value="complaints-received">Complaints and reports received (count) · 194 regions</option>

  <option value="court-hearings-attended">Court hearings attended (count) · 167 regions</option>

  <option value="data-records-checked">Data records checked (count) · 185 regions</option>

  <option value="good-air-quality-days">Days of good air quality (days) · 157 regions</option>

  <option value="dead-end-roads-opened">Dead-end roads opened (count) · 177 regions</option>

  <option value="demonstration-routes">Demonstration routes (count) · 195 regions</option>

  <option value="demonstration-villages">Demonstration villages (count) · 178 regions</option>

  <option value="dilapidated-houses-renovated">Dilapidated rural houses renovated (households) · 190 regions</option>

  <option value="disputes-resolved">Disputes mediated (count) · 182 regions</option>

  <option value="elderly-care-beds">Elderly-care beds (count) · 182 regions</option>

  <option value="elevators-added">Elevators added (count) · 194 regions</option>

  <option value="employees-benefited">Employees benefited (persons) · 191 regions</option>

  <option value="job-stabilization-refund-employees">Employees covered by job-stabilization refunds (persons) · 195 regions</option>

  <option value="enterprises-benefited">Enterprises benefited (count) · 160 regions</option>

  <option value="exhibits">Exhibits (count) · 172 regions</option>

  <option value="family-doctor-contracts">Family-doctor contracts (persons) · 169 regions</option>

  <option value="farmers-markets-upgraded">Farmers&#x27; markets upgraded (count) · 185 regions</option>

  <option value="farmland-area">Farmland and planted area (mu) · 193 regions</option>

  <option value="fitness-equipment">Fitness equipment sets (count) · 207 regions</option>

  <option value="fixed-asset-investment">Fixed-asset investment (yuan) · 181 regions</option>

  <option value="fixed-asset-investment-growth">Fixed-asset investment growth (%) · 200 regions</option>

  <option value="renovated-floor-area">Floor area renovated (m²) · 175 regions</option>

  <option value="forest-coverage">Forest coverage (%) · 194 regions</option>

  <option value="free-clinics">Free clinics held (count) · 182 regions</option>

  <option value="investment">Funds invested (yuan) · 197 regions</option>

  <option value="funds-recovered">Funds recovered (yuan) · 157 regions</option>

  <option value="funds-secured">Funds secured from higher levels (yuan) · 200 regions</option>

  <option value="gdp-growth">GDP growth (%) · 190 regions</option>

  <option value="fiscal-revenue">General public budget revenue (yuan) · 189 regions</option>

  <option value="grain-output">Grain output (tonnes) · 178 regions</option>

  <option value="grassroots-party-organizations">Grassroots Party organizations (count) · 194 regions</option>

  <option value="grid-workers">Grid workers (persons) · 165 regions</option>

  <option value="gdp">Gross domestic product (yuan) · 194 regions</option>

  <option value="hard-to-employ-placed">Hard-to-employ persons placed in jobs (persons) · 190 regions</option>

  <option value="health-checkups">Health check-ups (person-times) · 188 regions</option>

  <option value="heart-to-heart-talks">Heart-to-heart talks (person-times) · 148 regions</option>

  <option value="hotline-tickets">Hotline tickets handled (count) · 193 regions</option>

  <option value="households-benefited">Households benefited (households) · 209 regions</option>

  <option value="policy-outreach-households">Households reached by policy outreach (households) · 162 regions</option>

  <option value="overpayments-recovered">Improperly claimed benefits recovered (yuan) · 195 regions</option>

  <option value="industrial-value-added-growth">Industrial value added growth (%) · 190 regions</option>

  <option value="innovation-cases">Innovation cases (count) · 193 regions</option>

  <option value="installed-power-capacity">Installed power capacity (kW) · 179 regions</option>

  <option value="insured-employers">Insured employers (count) · 187 regions</option>

  <option value="insured-persons">Insured persons (persons) · 176 regions</option>

  <option value="integrity-pledges">Integrity pledges signed (count) · 175 regions</option>

  <option value="job-fairs">Job fairs held (count) · 186 regions</option>

  <option value="job-expansion-subsidies">Job-expansion subsidies (yuan) · 186 regions</option>

  <option value="job-stabilization-refund">Job-stabilization refunds (yuan) · 173 regions</option>

  <option value="jobs-created">Jobs created (count) · 142 regions</option>

  <option value="business-loans">Loans to businesses (yuan) · 192 regions</option>

  <option value="market-entities">Market entities (households) · 181 regions</option>

  <option value="market-stalls">Market stalls (count) · 197 regions</option>

  <option value="elderly-meal-sites">Meal sites for the elderly (count) · 167 regions</option>

  <option value="medical-expenses-saved">Medical costs saved for patients (yuan) · 197 regions</option>

  <option value="medical-institutions">Medical institutions (count) · 174 regions</option>

  <option value="medical-insurance-coverage">Medical insurance coverage rate (%) · 190 regions</option>

  <option value="subsistence-allowance-monthly">Minimum living allowance (monthly) (yuan per person per month) · 211 regions</option>

  <option value="natural-population-growth-rate">Natural population growth rate (‰) · 196 regions</option>

  <option value="new-enterprises">New enterprises registered (households) · 185 regions</option>

  <option value="new-urban-jobs">New jobs created (persons) · 200 regions</option>

  <option value="party-members-developed">New Party members (persons) · 178 regions</option>

  <option value="news-items-published">News items published (count) · 199 regions</option>

  <option value="parking-spaces-added">Parking spaces added (count) · 170 regions</option>

  <option value="participants">Participants (persons) · 185 regions</option>

  <option value="participating-units">Participating units (count) · 173 regions</option>

  <option value="party-members">Party members (persons) · 183 regions</option>

  <option value="hospital-visits">Patient visits (person-times) · 197 regions</option>

  <option value="patrols">Patrols (count) · 182 regions</option>

  <option value="pension-benefit-recipients">Pension benefit recipients (persons) · 200 regions</option>

  <option value="pension-benefits-paid">Pension benefits paid (yuan) · 173 regions</option>

  <option value="persons-educated">Person-times educated (person-times) · 173 regions</option>

  <option value="medical-insured-persons">Persons covered by medical insurance (persons) · 194 regions</option>

  <option value="persons-disciplined">Persons given Party or administrative discipline (persons) · 200 regions</option>

  <option value="unemployment-insured-persons">Persons insured against unemployment (persons) · 173 regions</option>

  <option value="work-injury-insured-persons">Persons insured against work injury (persons) · 181 regions</option>

  <option value="pension-insured-persons">Persons insured for pension (persons) · 181 regions</option>

  <option value="pm25-concentration">PM2.5 concentration (μg/m³) · 209 regions</option>

  <option value="policy-outreach-sessions">Policy outreach sessions (count) · 176 regions</option>

  <option value="project-funds">Project funds (yuan) · 185 regions</option>

  <option value="projects-signed">Projects signed (count) · 173 regions</option>

  <option value="public-welfare-jobs">Public-welfare jobs (count) · 186 regions</option>

  <option value="publicity-materials">Publicity materials distributed (count) · 193 regions</option>

  <option value="registered-unemployment-rate">Registered urban unemployment rate (%) · 173 regions</option>

  <option value="registered-volunteers" selected>Registered volunteers (persons) · 200 regions</option>

  <option value="registered-volunteers-share">Registered volunteers as share of residents (%) · 157 regions</option>

  <option value="resident-satisfaction">Resident satisfaction rate (%) · 192 regions</option>

  <option value="community-renovation-projects">Residential renovation projects (count) · 189 regions</option>

  <option value="resident-basic-pension-monthly">Residents&#x27; basic pension (monthly) (yuan per person per month) · 186 regions</option>

  <option value="resident-pension-contribution-tier">Residents&#x27; pension contribution tier (yearly) (yuan per person per year) · 175 regions</option>

  <option value="public-problems-solved">Residents&#x27; problems solved (count) · 180 regions</option>

  <option value="retail-sales-growth">Retail sales growth (%) · 185 regions</option>

  <option value="retail-sales">Retail sales of consumer goods (yuan) · 180 regions</option>

  <option value="road-surface-renovated">Road surface repaired or paved (m²) · 181 regions</option>

  <option value="rules-issued">Rules issued (count) · 198 regions</option>

  <option value="toilets-renovated">Rural household toilets renovated (households) · 174 regions</option>

  <option value="rural-households-assisted">Rural households assisted (households) · 180 regions</option>

  <option value="labor-transfer">Rural labour moved into work (persons) · 178 regions</option>

  <option value="rural-subsistence-allowance-monthly">Rural minimum living allowance (monthly) (yuan per person per month) · 177 regions</option>

  <option value="rural-subsistence-allowance-yearly">Rural minimum living allowance (yearly) (yuan per person per year) · 182 regions</option>

  <option value="rural-roads">Rural roads built or upgraded (km) · 221 regions</option>

  <option value="sales-revenue">Sales revenue (yuan) · 190 regions</option>

  <option value="sales-volume">Sales volume (jin) · 175 regions</option>

  <option value="school-places-added">School places added (count) · 180 regions</option>

  <option value="schools-built">Schools built or expanded (count) · 169 regions</option>

  <option value="cross-province-services">Services handled across provinces (count) · 179 regions</option>

  <option value="online-services">Services handled online (count) · 168 regions</option>

  <option value="sewage-treatment-rate">Sewage treatment rate (%) · 200 regions</option>

  <option value="floor-area">Site area (m²) · 192 regions</option>

  <option value="insurance-burden-reduction">Social insurance contributions relieved (yuan) · 207 regions</option>

  <option value="startup-guarantee-loans">Start-up guarantee loans (yuan) · 190 regions</option>

  <option value="street-markets-regulated">Street markets regulated (count) · 169 regions</option>

  <option value="students-enrolled">Students enrolled (persons) · 184 regions</option>

  <option value="students-funded">Students given financial aid (persons) · 192 regions</option>

  <option value="study-sessions">Study sessions held (count) · 175 regions</option>

  <option value="subsistence-allowance-recipients">Subsistence allowance recipients (persons) · 182 regions</option>

  <option value="subsistence-allowance-paid">Subsistence allowances paid (yuan) · 201 regions</option>

  <option value="tax-fee-reductions">Tax and fee reductions (yuan) · 162 regions</option>

  <option value="teachers-recruited">Teachers recruited (persons) · 198 regions</option>

  <option value="teachers-trained">Teachers trained (person-times) · 186 regions</option>

  <option value="tourism-revenue">Tourism revenue (yuan) · 185 regions</option>

  <option value="tourist-visits">Tourist visits (person-times) · 159 regions</option>

  <option value="training-sessions-held">Training sessions held (count) · 159 regions</option>

  <option value="trees-planted">Trees planted (count) · 210 regions</option>

  <option value="unemployment-benefit-monthly">Unemployment benefit (monthly) (yuan per person per month) · 190 regions</option>

  <option value="unemployment-benefit-recipients">Unemployment benefit recipients (persons) · 193 regions</option>

  <option value="unemployment-benefits-paid">Unemployment benefits paid (yuan) · 184 regions</option>

  <option value="urban-subsistence-allowance-monthly">Urban minimum living allowance (monthly) (yuan per person per month) · 167 regions</option>

  <option value="vaccinations">Vaccinations (person-times) · 180 regions</option>

  <option value="contract-value-signed">Value of contracts signed (yuan) · 177 regions</option>

  <option value="collective-economy-income">Village collective income (yuan) · 188 regions</option>

  <option value="vocational-training">Vocational skills training (person-times) · 172 regions</option>

  <option value="volunteer-activities">Volunteer activities held (count) · 182 regions</option>

  <option value="volunteer-organizations">Volunteer organizations (count) · 195 regions</option>

  <option value="volunteer-brands">Volunteer service brands (count) · 186 regions</option>

  <option value="volunteer-service-hours">Volunteer service hours (hours) · 165 regions</option>

  <option value="volunteer-service-items">Volunteer service items (count) · 187 regions</option>

  <option value="volunteer-service-participants">Volunteer service participations (person-times) · 169 regions</option>

  <option value="volunteer-service-points">Volunteer service points (count) · 148 regions</option>

  <option value="volunteer-teams">Volunteer teams (count) · 175 regions</option>

  <option value="wage-arrears-recovered">Wage arrears recovered (yuan) · 196 regions</option>

  <option value="work-injury-benefit-recipients">Work-injury benefit recipients (persons) · 200 regions</option>

  <option value="work-injury-benefits-paid">Work-injury benefits paid (yuan) · 174 regions</option>

</select>
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_level">Region level</label>
      <select name="level" id="id_level">
  <option value="" selected>Finest level with data</option>

  <option value="province">Province</option>

  <option value="prefecture">Prefecture</option>

  <option value="county">County</option>

</select>
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_within">Within</label>
      <select name="within" id="id_within">
  <option value="" selected>All of China</option>

  <optgroup label="Anhui Province">
  <option value="340000">Anhui Province (all)</option>

  <option value="340800">Anqing City</option>

  <option value="340300">Bengbu City</option>

  <option value="341600">Bozhou City</option>

  <option value="341700">Chizhou City</option>

  <option value="341100">Chuzhou City</option>

  <option value="341200">Fuyang City</option>

  <option value="340100">Hefei City</option>

  <option value="340600">Huaibei City</option>

  <option value="340400">Huainan City</option>

  <option value="341000">Huangshan City</option>

  <option value="341500">Lu&#x27;an City</option>

  <option value="340500">Ma&#x27;anshan City</option>

  <option value="341300">Suzhou City</option>

  <option value="340700">Tongling City</option>

  <option value="340200">Wuhu City</option>

  <option value="341800">Xuancheng City</option>

  </optgroup>
  <optgroup label="Beijing Municipality">
  <option value="110000">Beijing Municipality (all)</option>

  </optgroup>
  <optgroup label="Chongqing Municipality">
  <option value="500000">Chongqing Municipality (all)</option>

  </optgroup>
  <optgroup label="Fujian Province">
  <option value="350000">Fujian Province (all)</option>

  <option value="350100">Fuzhou City</option>

  <option value="350800">Longyan City</option>

  <option value="350700">Nanping City</option>

  <option value="350900">Ningde City</option>

  <option value="350300">Putian City</option>

  <option value="350500">Quanzhou City</option>

  <option value="350400">Sanming City</option>

  <option value="350200">Xiamen City</option>

  <option value="350600">Zhangzhou City</option>

  </optgroup>
  <optgroup label="Gansu Province">
  <option value="620000">Gansu Province (all)</option>

  <option value="620400">Baiyin City</option>

  <option value="621100">Dingxi City</option>

  <option value="623000">Gannan Tibetan Autonomous Prefecture</option>

  <option value="620200">Jiayuguan City</option>

  <option value="620300">Jinchang City</option>

  <option value="620900">Jiuquan City</option>

  <option value="620100">Lanzhou City</option>

  <option value="622900">Linxia Hui Autonomous Prefecture</option>

  <option value="621200">Longnan City</option>

  <option value="620800">Pingliang City</option>

  <option value="621000">Qingyang City</option>

  <option value="620500">Tianshui City</option>

  <option value="620600">Wuwei City</option>

  <option value="620700">Zhangye City</option>

  </optgroup>
  <optgroup label="Guangdong Province">
  <option value="440000">Guangdong Province (all)</option>

  <option value="445100">Chaozhou City</option>

  <option value="441900">Dongguan City</option>

  <option value="440600">Foshan City</option>

  <option value="440100">Guangzhou City</option>

  <option value="441600">Heyuan City</option>

  <option value="441300">Huizhou City</option>

  <option value="440700">Jiangmen City</option>

  <option value="445200">Jieyang City</option>

  <option value="440900">Maoming City</option>

  <option value="441400">Meizhou City</option>

  <option value="441800">Qingyuan City</option>

  <option value="440500">Shantou City</option>

  <option value="441500">Shanwei City</option>

  <option value="440200">Shaoguan City</option>

  <option value="440300">Shenzhen City</option>

  <option value="441700">Yangjiang City</option>

  <option value="445300">Yunfu City</option>

  <option value="440800">Zhanjiang City</option>

  <option value="441200">Zhaoqing City</option>

  <option value="442000">Zhongshan City</option>

  <option value="440400">Zhuhai City</option>

  </optgroup>
  <optgroup label="Guangxi Zhuang Autonomous Region">
  <option value="450000">Guangxi Zhuang Autonomous Region (all)</option>

  <option value="451000">Baise City</option>

  <option value="450500">Beihai City</option>

  <option value="451400">Chongzuo City</option>

  <option value="450600">Fangchenggang City</option>

  <option value="450800">Guigang City</option>

  <option value="450300">Guilin City</option>

  <option value="451200">Hechi City</option>

  <option value="451100">Hezhou City</option>

  <option value="451300">Laibin City</option>

  <option value="450200">Liuzhou City</option>

  <option value="450100">Nanning City</option>

  <option value="450700">Qinzhou City</option>

  <option value="450400">Wuzhou City</option>

  <option value="450900">Yulin City</option>

  </optgroup>
  <optgroup label="Guizhou Province">
  <option value="520000">Guizhou Province (all)</option>

  <option value="520400">Anshun City</option>

  <option value="520500">Bijie City</option>

  <option value="520100">Guiyang City</option>

  <option value="520200">Liupanshui City</option>

  <option value="522600">Qiandongnan Miao and Dong Autonomous Prefecture</option>

  <option value="522700">Qiannan Bouyei and Miao Autonomous Prefecture</option>

  <option value="522300">Qianxinan Bouyei and Miao Autonomous Prefecture</option>

  <option value="520600">Tongren City</option>

  <option value="520300">Zunyi City</option>

  </optgroup>
  <optgroup label="Hainan Province">
  <option value="460000">Hainan Province (all)</option>

  <option value="469000">County-level Divisions under Direct Administration (Hainan Province)</option>

  <option value="460400">Danzhou City</option>

  <option value="460100">Haikou City</option>

  <option value="460300">Sansha City</option>

  <option value="460200">Sanya City</option>

  </optgroup>
  <optgroup label="Hebei Province">
  <option value="130000">Hebei Province (all)</option>

  <option value="130600">Baoding City</option>

  <option value="130900">Cangzhou City</option>

  <option value="130800">Chengde City</option>

  <option value="130400">Handan City</option>

  <option value="131100">Hengshui City</option>

  <option value="131000">Langfang City</option>

  <option value="130300">Qinhuangdao City</option>

  <option value="130100">Shijiazhuang City</option>

  <option value="130200">Tangshan City</option>

  <option value="130500">Xingtai City</option>

  <option value="130700">Zhangjiakou City</option>

  </optgroup>
  <optgroup label="Heilongjiang Province">
  <option value="230000">Heilongjiang Province (all)</option>

  <option value="230600">Daqing City</option>

  <option value="232700">Daxing&#x27;anling Prefecture</option>

  <option value="230100">Harbin City</option>

  <option value="230400">Hegang City</option>

  <option value="231100">Heihe City</option>

  <option value="230800">Jiamusi City</option>

  <option value="230300">Jixi City</option>

  <option value="231000">Mudanjiang City</option>

  <option value="230200">Qiqihar City</option>

  <option value="230900">Qitaihe City</option>

  <option value="230500">Shuangyashan City</option>

  <option value="231200">Suihua City</option>

  <option value="230700">Yichun City</option>

  </optgroup>
  <optgroup label="Henan Province">
  <option value="410000">Henan Province (all)</option>

  <option value="410500">Anyang City</option>

  <option value="419000">County-level Divisions under Direct Administration (Henan Province)</option>

  <option value="410600">Hebi City</option>

  <option value="410800">Jiaozuo City</option>

  <option value="410200">Kaifeng City</option>

  <option value="411100">Luohe City</option>

  <option value="410300">Luoyang City</option>

  <option value="411300">Nanyang City</option>

  <option value="410400">Pingdingshan City</option>

  <option value="410900">Puyang City</option>

  <option value="411200">Sanmenxia City</option>

  <option value="411400">Shangqiu City</option>

  <option value="410700">Xinxiang City</option>

  <option value="411500">Xinyang City</option>

  <option value="411000">Xuchang City</option>

  <option value="410100">Zhengzhou City</option>

  <option value="411600">Zhoukou City</option>

  <option value="411700">Zhumadian City</option>

  </optgroup>
  <optgroup label="Hong Kong Special Administrative Region">
  <option value="810000">Hong Kong Special Administrative Region (all)</option>

  </optgroup>
  <optgroup label="Hubei Province">
  <option value="420000">Hubei Province (all)</option>

  <option value="429000">County-level Divisions under Direct Administration (Hubei Province)</option>

  <option value="422800">Enshi Tujia and Miao Autonomous Prefecture</option>

  <option value="420700">Ezhou City</option>

  <option value="421100">Huanggang City</option>

  <option value="420200">Huangshi City</option>

  <option value="420800">Jingmen City</option>

  <option value="421000">Jingzhou City</option>

  <option value="420300">Shiyan City</option>

  <option value="421300">Suizhou City</option>

  <option value="420100">Wuhan City</option>

  <option value="420600">Xiangyang City</option>

  <option value="421200">Xianning City</option>

  <option value="420900">Xiaogan City</option>

  <option value="420500">Yichang City</option>

  </optgroup>
  <optgroup label="Hunan Province">
  <option value="430000">Hunan Province (all)</option>

  <option value="430700">Changde City</option>

  <option value="430100">Changsha City</option>

  <option value="431000">Chenzhou City</option>

  <option value="430400">Hengyang City</option>

  <option value="431200">Huaihua City</option>

  <option value="431300">Loudi City</option>

  <option value="430500">Shaoyang City</option>

  <option value="430300">Xiangtan City</option>

  <option value="433100">Xiangxi Tujia and Miao Autonomous Prefecture</option>

  <option value="430900">Yiyang City</option>

  <option value="431100">Yongzhou City</option>

  <option value="430600">Yueyang City</option>

  <option value="430800">Zhangjiajie City</option>

  <option value="430200">Zhuzhou City</option>

  </optgroup>
  <optgroup label="Inner Mongolia Autonomous Region">
  <option value="150000">Inner Mongolia Autonomous Region (all)</option>

  <option value="152900">Alxa League</option>

  <option value="150200">Baotou City</option>

  <option value="150800">Bayannur City</option>

  <option value="150400">Chifeng City</option>

  <option value="150100">Hohhot City</option>

  <option value="150700">Hulunbuir City</option>

  <option value="150600">Ordos City</option>

  <option value="150500">Tongliao City</option>

  <option value="150900">Ulanqab City</option>

  <option value="150300">Wuhai City</option>

  <option value="152500">Xilingol League</option>

  <option value="152200">Xing&#x27;an League</option>

  </optgroup>
  <optgroup label="Jiangsu Province">
  <option value="320000">Jiangsu Province (all)</option>

  <option value="320400">Changzhou City</option>

  <option value="320800">Huai&#x27;an City</option>

  <option value="320700">Lianyungang City</option>

  <option value="320100">Nanjing City</option>

  <option value="320600">Nantong City</option>

  <option value="321300">Suqian City</option>

  <option value="320500">Suzhou City</option>

  <option value="321200">Taizhou City</option>

  <option value="320200">Wuxi City</option>

  <option value="320300">Xuzhou City</option>

  <option value="320900">Yancheng City</option>

  <option value="321000">Yangzhou City</option>

  <option value="321100">Zhenjiang City</option>

  </optgroup>
  <optgroup label="Jiangxi Province">
  <option value="360000">Jiangxi Province (all)</option>

  <option value="361000">Fuzhou City</option>

  <option value="360700">Ganzhou City</option>

  <option value="360800">Ji&#x27;an City</option>

  <option value="360200">Jingdezhen City</option>

  <option value="360400">Jiujiang City</option>

  <option value="360100">Nanchang City</option>

  <option value="360300">Pingxiang City</option>

  <option value="361100">Shangrao City</option>

  <option value="360500">Xinyu City</option>

  <option value="360900">Yichun City</option>

  <option value="360600">Yingtan City</option>

  </optgroup>
  <optgroup label="Jilin Province">
  <option value="220000">Jilin Province (all)</option>

  <option value="220800">Baicheng City</option>

  <option value="220600">Baishan City</option>

  <option value="220100">Changchun City</option>

  <option value="220200">Jilin City</option>

  <option value="220400">Liaoyuan City</option>

  <option value="220300">Siping City</option>

  <option value="220700">Songyuan City</option>

  <option value="220500">Tonghua City</option>

  <option value="222400">Yanbian Korean Autonomous Prefecture</option>

  </optgroup>
  <optgroup label="Liaoning Province">
  <option value="210000">Liaoning Province (all)</option>

  <option value="210300">Anshan City</option>

  <option value="210500">Benxi City</option>

  <option value="211300">Chaoyang City</option>

  <option value="210200">Dalian City</option>

  <option value="210600">Dandong City</option>

  <option value="210400">Fushun City</option>

  <option value="210900">Fuxin City</option>

  <option value="211400">Huludao City</option>

  <option value="210700">Jinzhou City</option>

  <option value="211000">Liaoyang City</option>

  <option value="211100">Panjin City</option>

  <option value="210100">Shenyang City</option>

  <option value="211200">Tieling City</option>

  <option value="210800">Yingkou City</option>

  </optgroup>
  <optgroup label="Macao Special Administrative Region">
  <option value="820000">Macao Special Administrative Region (all)</option>

  </optgroup>
  <optgroup label="Ningxia Hui Autonomous Region">
  <option value="640000">Ningxia Hui Autonomous Region (all)</option>

  <option value="640400">Guyuan City</option>

  <option value="640200">Shizuishan City</option>

  <option value="640300">Wuzhong City</option>

  <option value="640100">Yinchuan City</option>

  <option value="640500">Zhongwei City</option>

  </optgroup>
  <optgroup label="Qinghai Province">
  <option value="630000">Qinghai Province (all)</option>

  <option value="632600">Golog Tibetan Autonomous Prefecture</option>

  <option value="632200">Haibei Tibetan Autonomous Prefecture</option>

  <option value="630200">Haidong City</option>

  <option value="632500">Hainan Tibetan Autonomous Prefecture</option>

  <option value="632800">Haixi Mongol and Tibetan Autonomous Prefecture</option>

  <option value="632300">Huangnan Tibetan Autonomous Prefecture</option>

  <option value="630100">Xining City</option>

  <option value="632700">Yushu Tibetan Autonomous Prefecture</option>

  </optgroup>
  <optgroup label="Shaanxi Province">
  <option value="610000">Shaanxi Province (all)</option>

  <option value="610900">Ankang City</option>

  <option value="610300">Baoji City</option>

  <option value="610700">Hanzhong City</option>

  <option value="611000">Shangluo City</option>

  <option value="610200">Tongchuan City</option>

  <option value="610500">Weinan City</option>

  <option value="610100">Xi&#x27;an City</option>

  <option value="610400">Xianyang City</option>

  <option value="610600">Yan&#x27;an City</option>

  <option value="610800">Yulin City</option>

  </optgroup>
  <optgroup label="Shandong Province">
  <option value="370000">Shandong Province (all)</option>

  <option value="371600">Binzhou City</option>

  <option value="371400">Dezhou City</option>

  <option value="370500">Dongying City</option>

  <option value="371700">Heze City</option>

  <option value="370100">Jinan City</option>

  <option value="370800">Jining City</option>

  <option value="371500">Liaocheng City</option>

  <option value="371300">Linyi City</option>

  <option value="370200">Qingdao City</option>

  <option value="371100">Rizhao City</option>

  <option value="370900">Tai&#x27;an City</option>

  <option value="370700">Weifang City</option>

  <option value="371000">Weihai City</option>

  <option value="370600">Yantai City</option>

  <option value="370400">Zaozhuang City</option>

  <option value="370300">Zibo City</option>

  </optgroup>
  <optgroup label="Shanghai Municipality">
  <option value="310000">Shanghai Municipality (all)</option>

  </optgroup>
  <optgroup label="Shanxi Province">
  <option value="140000">Shanxi Province (all)</option>

  <option value="140400">Changzhi City</option>

  <option value="140200">Datong City</option>

  <option value="140500">Jincheng City</option>

  <option value="140700">Jinzhong City</option>

  <option value="141000">Linfen City</option>

  <option value="141100">Lüliang City</option>

  <option value="140600">Shuozhou City</option>

  <option value="140100">Taiyuan City</option>

  <option value="140900">Xinzhou City</option>

  <option value="140300">Yangquan City</option>

  <option value="140800">Yuncheng City</option>

  </optgroup>
  <optgroup label="Sichuan Province">
  <option value="510000">Sichuan Province (all)</option>

  <option value="513200">Aba Tibetan and Qiang Autonomous Prefecture</option>

  <option value="511900">Bazhong City</option>

  <option value="510100">Chengdu City</option>

  <option value="511700">Dazhou City</option>

  <option value="510600">Deyang City</option>

  <option value="513300">Ganzi Tibetan Autonomous Prefecture</option>

  <option value="511600">Guang&#x27;an City</option>

  <option value="510800">Guangyuan City</option>

  <option value="511100">Leshan City</option>

  <option value="513400">Liangshan Yi Autonomous Prefecture</option>

  <option value="510500">Luzhou City</option>

  <option value="511400">Meishan City</option>

  <option value="510700">Mianyang City</option>

  <option value="511300">Nanchong City</option>

  <option value="511000">Neijiang City</option>

  <option value="510400">Panzhihua City</option>

  <option value="510900">Suining City</option>

  <option value="511800">Ya&#x27;an City</option>

  <option value="511500">Yibin City</option>

  <option value="510300">Zigong City</option>

  <option value="512000">Ziyang City</option>

  </optgroup>
  <optgroup label="Taiwan Province">
  <option value="710000">Taiwan Province (all)</option>

  <option value="710700">County-level Divisions under Direct Administration (Taiwan Province)</option>

  <option value="710600">Gaoxiong City</option>

  <option value="710100">Taibei City</option>

  <option value="710500">Tainan City</option>

  <option value="710400">Taizhong City</option>

  <option value="710300">Taoyuan City</option>

  <option value="710200">Xinbei City</option>

  </optgroup>
  <optgroup label="Tianjin Municipality">
  <option value="120000">Tianjin Municipality (all)</option>

  </optgroup>
  <optgroup label="Xinjiang Uygur Autonomous Region">
  <option value="650000">Xinjiang Uygur Autonomous Region (all)</option>

  <option value="652900">Aksu Prefecture</option>

  <option value="654300">Altay Prefecture</option>

  <option value="652800">Bayingolin Mongol Autonomous Prefecture</option>

  <option value="652700">Bortala Mongol Autonomous Prefecture</option>

  <option value="652300">Changji Hui Autonomous Prefecture</option>

  <option value="659000">County-level Divisions under Direct Administration (Xinjiang Uygur Autonomous Region)</option>

  <option value="650500">Hami City</option>

  <option value="653200">Hotan Prefecture</option>

  <option value="654000">Ili Kazak Autonomous Prefecture</option>

  <option value="650200">Karamay City</option>

  <option value="653100">Kashgar Prefecture</option>

  <option value="653000">Kizilsu Kirgiz Autonomous Prefecture</option>

  <option value="654200">Tacheng Prefecture</option>

  <option value="650400">Turpan City</option>

  <option value="650100">Urumqi City</option>

  </optgroup>
  <optgroup label="Xizang Autonomous Region">
  <option value="540000">Xizang Autonomous Region (all)</option>

  <option value="540100">Lhasa City</option>

  <option value="540600">Nagqu City</option>

  <option value="542500">Ngari Prefecture</option>

  <option value="540400">Nyingchi City</option>

  <option value="540300">Qamdo City</option>

  <option value="540500">Shannan City</option>

  <option value="540200">Xigaze City</option>

  </optgroup>
  <optgroup label="Yunnan Province">
  <option value="530000">Yunnan Province (all)</option>

  <option value="530500">Baoshan City</option>

  <option value="532300">Chuxiong Yi Autonomous Prefecture</option>

  <option value="532900">Dali Bai Autonomous Prefecture</option>

  <option value="533100">Dehong Dai and Jingpo Autonomous Prefecture</option>

  <option value="533400">Diqing Tibetan Autonomous Prefecture</option>

  <option value="532500">Honghe Hani and Yi Autonomous Prefecture</option>

  <option value="530100">Kunming City</option>

  <option value="530700">Lijiang City</option>

  <option value="530900">Lincang City</option>

  <option value="533300">Nujiang Lisu Autonomous Prefecture</option>

  <option value="530800">Pu&#x27;er City</option>

  <option value="530300">Qujing City</option>

  <option value="532600">Wenshan Zhuang and Miao Autonomous Prefecture</option>

  <option value="532800">Xishuangbanna Dai Autonomous Prefecture</option>

  <option value="530400">Yuxi City</option>

  <option value="530600">Zhaotong City</option>

  </optgroup>
  <optgroup label="Zhejiang Province">
  <option value="330000">Zhejiang Province (all)</option>

  <option value="330100">Hangzhou City</option>

  <option value="330500">Huzhou City</option>

  <option value="330400">Jiaxing City</option>

  <option value="330700">Jinhua City</option>

  <option value="331100">Lishui City</option>

  <option value="330200">Ningbo City</option>

  <option value="330800">Quzhou City</option>

  <option value="330600">Shaoxing City</option>

  <option value="331000">Taizhou City</option>

  <option value="330300">Wenzhou City</option>

  <option value="330900">Zhoushan City</option>

  </optgroup>
</select>
      
    </div>
  
    <div class="chart-form__field chart-form__field--error">
      <label for="id_regions">Regions (optional)</label>
      <input type="text" name="regions" value="110101,110102,110103,110104,110105,110106,110107,110108,110109,110110,110111,110112,110113,110114,110115,110116,110117,110118,110119,110120,110121,110122,110123,110124,110125,110126,110127,110128,110129,110130,110131,110132,110133,110134,110135,110136,110137,110138,110139,110140,110141,110142,110143,110144,110145,110146,110147,110148,110149,110150,110151,110152,110153,110154,110155,110156,110157,110158,110159,110160,110161,110162,110163,110164,110165,110166,110167,110168,110169,110170,110171,110172,110173,110174,110175,110176,110177,110178,110179,110180,110181,110182,110183,110184,110185,110186,110187,110188,110189,110190,110191,110192,110193,110194,110195,110196,110197,110198,110199,110200,110201,110202,110203,110204,110205,110206,110207,110208,110209,110210,110211,110212,110213,110214,110215,110216,110217,110218,110219,110220,110221,110222,110223,110224,110225,110226,110227,110228,110229,110230,110231,110232,110233,110234,110235,110236,110237,110238,110239,110240,110241,110242,110243,110244,110245,110246,110247,110248,110249,110250,110251,110252,110253,110254,110255,110256,110257,110258,110259,110260,110261,110262,110263,110264,110265,110266,110267,110268,110269,110270,110271,110272,110273,110274,110275,110276,110277,110278,110279,110280,110281,110282,110283,110284,110285,110286,110287,110288,110289,110290,110291,110292,110293,110294,110295,110296,110297,110298,110299,110300,110301,110302,110303,110304,110305,110306,110307,110308,110309,110310,110311,110312,110313,110314,110315,110316,110317,110318,110319,110320,110321,110322,110323,110324,110325,110326,110327,110328,110329,110330,110331,110332,110333,110334,110335,110336,110337,110338,110339,110340,110341,110342,110343,110344,110345,110346,110347,110348,110349,110350,110351,110352,110353,110354,110355,110356,110357,110358,110359,110360,110361,110362,110363,110364,110365,110366,110367,110368,110369,110370,110371,110372,110373,110374,110375,110376,110377,110378,110379,110380,110381,110382,110383,110384,110385,110386,110387,110388,110389,110390,110391,110392,110393,110394,110395,110396,110397,110398,110399,110400,110401,110402,110403,110404,110405,110406,110407,110408,110409,110410,110411,110412,110413,110414,110415,110416,110417,110418,110419,110420,110421,110422,110423,110424,110425,110426,110427,110428,110429,110430,110431,110432,110433,110434,110435,110436,110437,110438,110439,110440,110441,110442,110443,110444,110445,110446,110447,110448,110449,110450,110451,110452,110453,110454,110455,110456,110457,110458,110459,110460,110461,110462,110463,110464,110465,110466,110467,110468,110469,110470,110471,110472,110473,110474,110475,110476,110477,110478,110479,110480,110481,110482,110483,110484,110485,110486,110487,110488,110489,110490,110491,110492,110493,110494,110495,110496,110497,110498,110499,110500" placeholder="Names or region codes, comma separated" autocomplete="off" aria-invalid="true" aria-describedby="id_regions_error" id="id_regions">
      <div class="form-errors" role="alert"><ul class="errorlist" id="id_regions_error"><li>At most 100 regions can be compared; 400 were entered.</li></ul></div>
    </div>
  
    <div class="chart-form__field">
      <label for="id_topic">Topic</label>
      <select name="topic" id="id_topic">
  <option value="" selected>All topics</option>

  <option value="business-environment">Business environment</option>

  <option value="civilization">Civilization building</option>

  <option value="clean-government">Clean government</option>

  <option value="education">Education</option>

  <option value="employment">Employment</option>

  <option value="environment">Environment</option>

  <option value="grassroots-governance">Grassroots governance</option>

  <option value="health">Health</option>

  <option value="party-building">Party building</option>

  <option value="rural-revitalization">Rural revitalization</option>

  <option value="social-security">Social security</option>

  <option value="volunteering">Volunteering</option>

  <option value="youth-care">Youth care</option>

</select>
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_published_after">Published from</label>
      <input type="date" name="published_after" id="id_published_after">
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_published_before">Published until</label>
      <input type="date" name="published_before" id="id_published_before">
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_per">Measure</label>
      <select name="per" id="id_per">
  <option value="total">Total</option>

  <option value="per_1000">Per 1,000 residents (counties)</option>

  <option value="per_resident">Per resident (counties)</option>

</select>
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_view">View</label>
      <select name="view" id="id_view">
  <option value="latest">Latest value</option>

  <option value="change">Change (previous → latest)</option>

</select>
      
    </div>
  
    <div class="chart-form__field">
      <label for="id_verified">Reviewed data only</label>
      <input type="checkbox" name="verified" value="1" id="id_verified">
      
    </div>
  
  <script id="per-allowed" type="application/json">{"rural-roads": ["total"], "subsistence-allowance-monthly": ["total"], "trees-planted": ["total"], "households-benefited": ["total"], "pm25-concentration": ["total"], "fitness-equipment": ["total"], "insurance-burden-reduction": ["total", "per_resident"], "subsistence-allowance-paid": ["total", "per_resident"], "community-service-centers": ["total"], "fixed-asset-investment-growth": ["total"], "funds-secured": ["total", "per_resident"], "new-urban-jobs": ["total", "per_1000"], "pension-benefit-recipients": ["total", "per_1000"], "persons-disciplined": ["total", "per_1000"], "registered-volunteers": ["total", "per_1000"], "sewage-treatment-rate": ["total"], "work-injury-benefit-recipients": ["total", "per_1000"], "news-items-published": ["total"], "rules-issued": ["total"], "teachers-recruited": ["total", "per_1000"], "investment": ["total", "per_resident"], "market-stalls": ["total"], "medical-expenses-saved": ["total", "per_resident"], "hospital-visits": ["total", "per_1000"], "natural-population-growth-rate": ["total"], "wage-arrears-recovered": ["total", "per_resident"], "honour-candidates": ["total", "per_1000"], "demonstration-routes": ["total"], "job-stabilization-refund-employees": ["total", "per_1000"], "overpayments-recovered": ["total", "per_resident"], "volunteer-organizations": ["total"], "complaints-received": ["total"], "elevators-added": ["total"], "forest-coverage": ["total"], "grassroots-party-organizations": ["total"], "gdp": ["total", "per_resident"], "medical-insured-persons": ["total", "per_1000"], "farmland-area": ["total"], "hotline-tickets": ["total"], "innovation-cases": ["total"], "publicity-materials": ["total"], "unemployment-benefit-recipients": ["total", "per_1000"], "business-loans": ["total", "per_resident"], "resident-satisfaction": ["total"], "floor-area": ["total"], "students-funded": ["total", "per_1000"], "employees-benefited": ["total", "per_1000"], "dilapidated-houses-renovated": ["total"], "gdp-growth": ["total"], "hard-to-employ-placed": ["total", "per_1000"], "industrial-value-added-growth": ["total"], "medical-insurance-coverage": ["total"], "sales-revenue": ["total", "per_resident"], "startup-guarantee-loans": ["total", "per_resident"], "unemployment-benefit-monthly": ["total"], "fiscal-revenue": ["total", "per_resident"], "community-renovation-projects": ["total"], "afforestation-area": ["total"], "health-checkups": ["total", "per_1000"], "collective-economy-income": ["total", "per_resident"], "back-alleys-renovated": ["total"], "insured-employers": ["total"], "volunteer-service-items": ["total"], "classes": ["total"], "job-fairs": ["total"], "job-expansion-subsidies": ["total", "per_resident"], "public-welfare-jobs": ["total"], "resident-basic-pension-monthly": ["total"], "teachers-trained": ["total", "per_1000"], "volunteer-brands": ["total"], "air-quality-composite-index": ["total"], "data-records-checked": ["total"], "farmers-markets-upgraded": ["total"], "new-enterprises": ["total"], "participants": ["total", "per_1000"], "project-funds": ["total", "per_resident"], "retail-sales-growth": ["total"], "tourism-revenue": ["total", "per_resident"], "civilization-practice-stations": ["total"], "students-enrolled": ["total", "per_1000"], "unemployment-benefits-paid": ["total", "per_resident"], "party-members": ["total", "per_1000"], "disputes-resolved": ["total"], "elderly-care-beds": ["total"], "free-clinics": ["total"], "patrols": ["total"], "rural-subsistence-allowance-yearly": ["total"], "subsistence-allowance-recipients": ["total", "per_1000"], "volunteer-activities": ["total"], "fixed-asset-investment": ["total", "per_resident"], "market-entities": ["total"], "work-injury-insured-persons": ["total", "per_1000"], "pension-insured-persons": ["total", "per_1000"], "road-surface-renovated": ["total"], "public-problems-solved": ["total"], "retail-sales": ["total", "per_resident"], "rural-households-assisted": ["total"], "school-places-added": ["total"], "vaccinations": ["total", "per_1000"], "cases-investigated": ["total"], "children-assisted": ["total", "per_1000"], "installed-power-capacity": ["total"], "cross-province-services": ["total"], "administrative-approvals": ["total"], "assistance-funds": ["total", "per_resident"], "demonstration-villages": ["total"], "grain-output": ["total"], "party-members-developed": ["total", "per_1000"], "labor-transfer": ["total", "per_1000"], "dead-end-roads-opened": ["total"], "rural-subsistence-allowance-monthly": ["total"], "contract-value-signed": ["total", "per_resident"], "insured-persons": ["total", "per_1000"], "policy-outreach-sessions": ["total"], "renovated-floor-area": ["total"], "integrity-pledges": ["total"], "resident-pension-contribution-tier": ["total"], "sales-volume": ["total"], "study-sessions": ["total"], "volunteer-teams": ["total"], "air-quality-index-change": ["total"], "medical-institutions": ["total"], "toilets-renovated": ["total"], "work-injury-benefits-paid": ["total", "per_resident"], "job-stabilization-refund": ["total", "per_resident"], "participating-units": ["total"], "pension-benefits-paid": ["total", "per_resident"], "persons-educated": ["total", "per_1000"], "unemployment-insured-persons": ["total", "per_1000"], "projects-signed": ["total"], "registered-unemployment-rate": ["total"], "exhibits": ["total"], "vocational-training": ["total", "per_1000"], "cases-filed": ["total"], "minors-assisted": ["total", "per_1000"], "parking-spaces-added": ["total"], "family-doctor-contracts": ["total", "per_1000"], "schools-built": ["total"], "street-markets-regulated": ["total"], "volunteer-service-participants": ["total", "per_1000"], "online-services": ["total"], "court-hearings-attended": ["total"], "elderly-meal-sites": ["total"], "urban-subsistence-allowance-monthly": ["total"], "grid-workers": ["total", "per_1000"], "volunteer-service-hours": ["total"], "markets-held": ["total"], "policy-outreach-households": ["total"], "tax-fee-reductions": ["total", "per_resident"], "extreme-poverty-support-monthly": ["total"], "enterprises-benefited": ["total"], "tourist-visits": ["total", "per_1000"], "training-sessions-held": ["total"], "good-air-quality-days": ["total"], "funds-recovered": ["total", "per_resident"], "registered-volunteers-share": ["total"], "heart-to-heart-talks": ["total", "per_1000"], "volunteer-service-points": ["total"], "jobs-created": ["total"]}</script>
  
  <div class="chart-form__actions">
    <button type="submit">Show</button>
  </div>
</form>





  </main>
  <footer class="site-footer">
    <p>Data taken from local newspaper reports; every value links to the sentence it was read from.</p>
  </footer>
  <script src="/static/js/region-picker.js" defer></script><script src="/static/js/form-compact.js" defer></script><script src="/static/js/per-options.js" defer></script>
</body>
</html>
