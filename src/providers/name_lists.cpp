// Common English given names and surnames, for the name grammar
// (NameGrammar): about 406 given names (US Social Security and census
// lists, with common short forms such as "bob", "jon", "bo") and the 600
// most common US census surnames, each a word of CMU's en-us pronouncing
// dictionary (so pocketsphinx can say it without a letter-to-sound guess).
// Space-separated, lower case. Names outside these lists are still heard:
// the recogniser falls back to its general language model.
namespace voxdesk::providers {

extern const char* const kCommonGivenNames;
extern const char* const kCommonSurnames;

const char* const kCommonGivenNames =
    "james mary robert patricia john jennifer michael linda david elizabeth william barbara "
    "richard susan joseph jessica thomas sarah christopher karen charles lisa daniel nancy "
    "matthew betty anthony sandra mark margaret donald ashley steven kimberly andrew emily paul "
    "donna joshua michelle kenneth carol kevin amanda brian melissa george deborah timothy "
    "stephanie ronald dorothy jason rebecca edward sharon jeffrey laura ryan cynthia jacob amy "
    "gary kathleen nicholas angela eric shirley jonathan brenda stephen emma larry anna justin "
    "pamela scott nicole brandon samantha benjamin katherine samuel christine gregory helen "
    "alexander debra frank rachel patrick carolyn raymond janet jack maria catherine dennis "
    "heather jerry diane tyler olivia aaron julie jose joyce adam victoria nathan ruth henry "
    "virginia zachary lauren douglas kelly peter christina kyle joan noah evelyn ethan judith "
    "jeremy andrea walter hannah christian megan keith cheryl roger jacqueline terry martha "
    "austin madison sean teresa gerald gloria carl sara harold janice dylan ann arthur kathryn "
    "lawrence abigail jordan sophia jesse frances bryan jean billy alice bruce judy gabriel "
    "isabella joe julia logan grace albert amber willie denise alan danielle eugene marilyn "
    "russell beverly vincent charlotte bobby natalie johnny theresa bradley diana roy brittany "
    "ralph doris wayne kayla randy alexis louis lori philip tiffany howard rose jimmy marie "
    "harry chris tom bob jim bill mike dave steve tony sam ben dan jon bo ted ed al ray max leo "
    "luke mia ella ava lily chloe zoe jane kate lucy eva nina tina rita carmen rosa ana sofia "
    "lucia elena carlos luis juan miguel jorge pedro diego pablo manuel antonio javier "
    "alejandro fernando ricardo eduardo sergio raul oscar mario hector ivan omar ali ahmed "
    "fatima raj ravi sanjay wei li chen kim lee nora clara paula sheila wendy holly molly tara "
    "sue pat kay dawn joy hope faith eve iris ivy june may april rob alex sophie jenny maggie "
    "ellen ruby owen liam mason lucas elijah oliver aiden caleb isaac hunter connor evan ian "
    "jared cody seth shane brett derek travis troy wesley marcus victor martin jay dean neil "
    "glenn craig todd brad lance rick nick tim greg ken ron don phil gene earl ross fred hugo "
    "jill lynn gail beth meg amelia harper avery scarlett aria layla riley eleanor hazel violet "
    "aurora savannah audrey brooklyn bella claire paisley everly caroline nova genesis emilia "
    "kennedy maya willow kinsley naomi aaliyah ariana allison gabriella madelyn cora serenity "
    "autumn adeline hailey valentina isla quinn sadie piper lydia alexa josephine emery delilah "
    "arianna vivian madeline ";

const char* const kCommonSurnames =
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez "
    "gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white "
    "harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres "
    "nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts "
    "gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales "
    "murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos "
    "kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes "
    "price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry "
    "russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons "
    "romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west "
    "cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro "
    "marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry "
    "chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez "
    "silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd "
    "rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols "
    "stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce "
    "vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong "
    "hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston "
    "matthews pena richards contreras willis carpenter lawrence sandoval guerrero george "
    "chapman rios estrada ortega watkins greene nunez wheeler valdez harper burke larson "
    "santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs obrien "
    "lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims "
    "espinoza howell li wong reid hanson le mccoy garrett burton fuller wang weber welch rojas "
    "lucas marquez fields park yang little banks padilla day walsh bowman schultz luna fowler "
    "mejia davidson acosta brewer may holland juarez newman pearson curtis cortez douglas "
    "schneider joseph barrett navarro figueroa keller avila wade molina stanley hopkins campos "
    "barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier powers "
    "neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts "
    "duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry "
    "hale leon hail benson haynes horton miles lyons pham graves bush thornton wolfe warner "
    "cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles cervantes "
    "solis erickson reeves chang klein salinas fuentes baldwin daniel simon velasquez hardy "
    "higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey "
    "francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson "
    "chan rivas khan rodgers serrano fitzgerald rosales stevenson christensen manning gill "
    "curry mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake "
    "trujillo adkins brady goodman roman webster goodwin fischer huang potter delacruz montoya "
    "todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges zhang "
    "guerra wolf valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram "
    "wise gallegos clarke barton schroeder maxwell waters logan camacho strickland norman "
    "person colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra "
    "ball tyler suarez bowers orozco salas cobb gibbs andrade bauer conner moody escobar "
    "mcguire lloyd mueller hartman french kramer mcbride pope lindsey velazquez norton "
    "mccormick sparks flynn yates hogan marsh macias villanueva zamora pratt stokes owen "
    "ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado "
    "santana shepherd bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton "
    "nash wilkins petersen briggs shah roth nicholson holloway lozano rangel flowers hoover "
    "short arias mora valenzuela bryan meyers weiss underwood bass greer summers houston carson "
    "morrow clayton whitaker decker yoder collier zuniga ";

}  // namespace voxdesk::providers
