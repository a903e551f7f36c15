import { OrgUnitLevel } from '../modules/org-unit/org-unit.entity';
import {
  CivilServiceGrade,
  EducationLevel,
  PoliticalTheoryLevel,
  StateManagementLevel,
} from '../modules/title/title.enums';

/**
 * A fictional province modelled on Điện Biên: its Party and State organs, the departments and
 * their divisions, the ten districts abolished on 1 July 2025, and the communes that replaced them.
 */

export const PROVINCE = { code: 'DB', name: 'Tỉnh Điện Biên', validFrom: '2004-01-01' };
export const DISTRICTS_END = '2025-06-30';
export const COMMUNES_START = '2025-07-01';

/** Party boards and offices of the Provincial Party Committee, plus the People's Council and Committee offices. */
export const PARTY_ORGANS: [code: string, name: string][] = [
  ['DB-BTC', 'Ban Tổ chức Tỉnh ủy'],
  ['DB-BTG', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  ['DB-BNC', 'Ban Nội chính Tỉnh ủy'],
  ['DB-UBKT', 'Ủy ban Kiểm tra Tỉnh ủy'],
  ['DB-VPTU', 'Văn phòng Tỉnh ủy'],
];

export const DEPARTMENTS: [code: string, name: string][] = [
  ['DB-SNV', 'Sở Nội vụ'],
  ['DB-STC', 'Sở Tài chính'],
  ['DB-SGD', 'Sở Giáo dục và Đào tạo'],
  ['DB-SYT', 'Sở Y tế'],
  ['DB-SNN', 'Sở Nông nghiệp và Môi trường'],
  ['DB-SXD', 'Sở Xây dựng'],
  ['DB-SVH', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['DB-SCT', 'Sở Công Thương'],
  ['DB-STP', 'Sở Tư pháp'],
  ['DB-SKHCN', 'Sở Khoa học và Công nghệ'],
  ['DB-SDT', 'Sở Dân tộc và Tôn giáo'],
  ['DB-TTT', 'Thanh tra tỉnh'],
  ['DB-VP', 'Văn phòng UBND tỉnh'],
];

/** Divisions (phòng) of each department. */
export const DIVISIONS = ['Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính', 'Phòng Nghiệp vụ'];

export const DISTRICTS: [code: string, name: string, validFrom: string][] = [
  ['DB-H-TP', 'Thành phố Điện Biên Phủ', '2004-01-01'],
  ['DB-H-ML', 'Thị xã Mường Lay', '2004-01-01'],
  ['DB-H-DB', 'Huyện Điện Biên', '2004-01-01'],
  ['DB-H-DBD', 'Huyện Điện Biên Đông', '2004-01-01'],
  ['DB-H-MA', 'Huyện Mường Ảng', '2007-01-01'],
  ['DB-H-TG', 'Huyện Tuần Giáo', '2004-01-01'],
  ['DB-H-TC', 'Huyện Tủa Chùa', '2004-01-01'],
  ['DB-H-MC', 'Huyện Mường Chà', '2004-01-01'],
  ['DB-H-MN', 'Huyện Mường Nhé', '2004-01-01'],
  ['DB-H-NP', 'Huyện Nậm Pồ', '2012-08-01'],
];

/** Communes and wards since 1 July 2025 (two-level local government). */
export const COMMUNES: [code: string, name: string][] = [
  ['DB-P-DBP', 'Phường Điện Biên Phủ'],
  ['DB-P-MT', 'Phường Mường Thanh'],
  ['DB-P-ML', 'Phường Mường Lay'],
  ...[
    'Mường Phăng',
    'Thanh Nưa',
    'Thanh An',
    'Thanh Yên',
    'Sam Mứn',
    'Núa Ngam',
    'Mường Nhà',
    'Na Son',
    'Xa Dung',
    'Pu Nhi',
    'Mường Luân',
    'Tìa Dình',
    'Phình Giàng',
    'Mường Ảng',
    'Nà Tấu',
    'Búng Lao',
    'Mường Lạn',
    'Tuần Giáo',
    'Quài Tở',
    'Chiềng Sinh',
    'Mường Mùn',
    'Pú Nhung',
    'Sáng Nhè',
    'Tủa Chùa',
    'Sín Chải',
    'Sính Phình',
    'Tủa Thàng',
    'Mường Chà',
    'Na Sang',
    'Mường Tùng',
    'Pa Ham',
    'Nậm Nèn',
    'Mường Nhé',
    'Sín Thầu',
    'Mường Toong',
    'Nậm Kè',
    'Quảng Lâm',
    'Nà Hỳ',
    'Chà Tở',
    'Nà Bủng',
    'Si Pa Phìn',
    'Mường Pồn',
  ].map((name, i): [string, string] => [`DB-X-${String(i + 1).padStart(2, '0')}`, `Xã ${name}`]),
];

export interface TitleSeed {
  code: string;
  name: string;
  level: OrgUnitLevel;
  isHead: boolean;
  maxHolders: number;
  rank: number;
  standard: {
    politicalTheory?: PoliticalTheoryLevel;
    stateManagement?: StateManagementLevel;
    education?: EducationLevel;
    grade?: CivilServiceGrade;
  };
}

const P = OrgUnitLevel.PROVINCE;
const D = OrgUnitLevel.DISTRICT;
const C = OrgUnitLevel.COMMUNE;
const senior = {
  politicalTheory: PoliticalTheoryLevel.ADVANCED,
  stateManagement: StateManagementLevel.SENIOR_SPECIALIST,
  education: EducationLevel.BACHELOR,
  grade: CivilServiceGrade.SENIOR_SPECIALIST,
};
const principal = {
  politicalTheory: PoliticalTheoryLevel.ADVANCED,
  stateManagement: StateManagementLevel.PRINCIPAL_SPECIALIST,
  education: EducationLevel.BACHELOR,
  grade: CivilServiceGrade.PRINCIPAL_SPECIALIST,
};
const middle = {
  politicalTheory: PoliticalTheoryLevel.INTERMEDIATE,
  stateManagement: StateManagementLevel.SPECIALIST,
  education: EducationLevel.BACHELOR,
  grade: CivilServiceGrade.SPECIALIST,
};

export const TITLES: TitleSeed[] = [
  {
    code: 'PROV-PARTY-SECRETARY',
    name: 'Bí thư Tỉnh ủy',
    level: P,
    isHead: true,
    maxHolders: 1,
    rank: 100,
    standard: senior,
  },
  {
    code: 'PROV-PARTY-DEPUTY',
    name: 'Phó Bí thư Tỉnh ủy',
    level: P,
    isHead: false,
    maxHolders: 3,
    rank: 95,
    standard: senior,
  },
  {
    code: 'PROV-PEOPLES-COMMITTEE-CHAIR',
    name: 'Chủ tịch UBND tỉnh',
    level: P,
    isHead: true,
    maxHolders: 1,
    rank: 94,
    standard: senior,
  },
  {
    code: 'PROV-BOARD-HEAD',
    name: 'Trưởng ban Đảng Tỉnh ủy',
    level: P,
    isHead: true,
    maxHolders: 1,
    rank: 80,
    standard: senior,
  },
  {
    code: 'PROV-BOARD-DEPUTY',
    name: 'Phó Trưởng ban Đảng Tỉnh ủy',
    level: P,
    isHead: false,
    maxHolders: 3,
    rank: 70,
    standard: principal,
  },
  {
    code: 'PROV-DEPT-DIRECTOR',
    name: 'Giám đốc Sở',
    level: P,
    isHead: true,
    maxHolders: 1,
    rank: 80,
    standard: senior,
  },
  {
    code: 'PROV-DEPT-DEPUTY',
    name: 'Phó Giám đốc Sở',
    level: P,
    isHead: false,
    maxHolders: 3,
    rank: 70,
    standard: principal,
  },
  {
    code: 'PROV-DIVISION-HEAD',
    name: 'Trưởng phòng',
    level: P,
    isHead: true,
    maxHolders: 1,
    rank: 50,
    standard: principal,
  },
  {
    code: 'PROV-DIVISION-DEPUTY',
    name: 'Phó Trưởng phòng',
    level: P,
    isHead: false,
    maxHolders: 2,
    rank: 40,
    standard: middle,
  },
  {
    code: 'DIST-PARTY-SECRETARY',
    name: 'Bí thư Huyện ủy',
    level: D,
    isHead: true,
    maxHolders: 1,
    rank: 75,
    standard: principal,
  },
  {
    code: 'DIST-PARTY-DEPUTY',
    name: 'Phó Bí thư Huyện ủy',
    level: D,
    isHead: false,
    maxHolders: 2,
    rank: 65,
    standard: principal,
  },
  {
    code: 'DIST-PEOPLES-COMMITTEE-CHAIR',
    name: 'Chủ tịch UBND huyện',
    level: D,
    isHead: true,
    maxHolders: 1,
    rank: 65,
    standard: principal,
  },
  {
    code: 'DIST-PEOPLES-COMMITTEE-VICE',
    name: 'Phó Chủ tịch UBND huyện',
    level: D,
    isHead: false,
    maxHolders: 3,
    rank: 55,
    standard: middle,
  },
  {
    code: 'COMM-PARTY-SECRETARY',
    name: 'Bí thư Đảng ủy xã',
    level: C,
    isHead: true,
    maxHolders: 1,
    rank: 60,
    standard: principal,
  },
  {
    code: 'COMM-PARTY-DEPUTY',
    name: 'Phó Bí thư Đảng ủy xã',
    level: C,
    isHead: false,
    maxHolders: 2,
    rank: 50,
    standard: middle,
  },
  {
    code: 'COMM-PEOPLES-COMMITTEE-CHAIR',
    name: 'Chủ tịch UBND xã',
    level: C,
    isHead: true,
    maxHolders: 1,
    rank: 55,
    standard: middle,
  },
  {
    code: 'COMM-PEOPLES-COMMITTEE-VICE',
    name: 'Phó Chủ tịch UBND xã',
    level: C,
    isHead: false,
    maxHolders: 2,
    rank: 45,
    standard: middle,
  },
];

/** Leadership posts: which titles each kind of unit has, and how many seats the demo fills. */
export const POSTS = {
  province: [
    ['PROV-PARTY-SECRETARY', 1],
    ['PROV-PARTY-DEPUTY', 2],
    ['PROV-PEOPLES-COMMITTEE-CHAIR', 1],
  ],
  partyOrgan: [
    ['PROV-BOARD-HEAD', 1],
    ['PROV-BOARD-DEPUTY', 2],
  ],
  department: [
    ['PROV-DEPT-DIRECTOR', 1],
    ['PROV-DEPT-DEPUTY', 3],
  ],
  division: [
    ['PROV-DIVISION-HEAD', 1],
    ['PROV-DIVISION-DEPUTY', 1],
  ],
  district: [
    ['DIST-PARTY-SECRETARY', 1],
    ['DIST-PARTY-DEPUTY', 1],
    ['DIST-PEOPLES-COMMITTEE-CHAIR', 1],
    ['DIST-PEOPLES-COMMITTEE-VICE', 2],
  ],
  commune: [
    ['COMM-PARTY-SECRETARY', 1],
    ['COMM-PARTY-DEPUTY', 1],
    ['COMM-PEOPLES-COMMITTEE-CHAIR', 1],
    ['COMM-PEOPLES-COMMITTEE-VICE', 2],
  ],
} satisfies Record<string, [string, number][]>;
