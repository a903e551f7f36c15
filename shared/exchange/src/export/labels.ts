/**
 * The words officials use for the platform's enum values, in exports and documents: a spreadsheet
 * or a profile says "Nữ" and "Tập trung", never FEMALE and CONCENTRATED. Unknown values pass through.
 */
const LABELS: Record<string, string> = {
  MALE: 'Nam',
  FEMALE: 'Nữ',
  ELECTED_CADRE: 'Cán bộ',
  CIVIL_SERVANT: 'Công chức',
  PUBLIC_EMPLOYEE: 'Viên chức',
  PART_TIME: 'Không chuyên trách',
  SENIOR_SPECIALIST: 'Chuyên viên cao cấp',
  PRINCIPAL_SPECIALIST: 'Chuyên viên chính',
  SPECIALIST: 'Chuyên viên',
  OFFICER: 'Cán sự',
  EMPLOYEE: 'Nhân viên',
  COLLEGE: 'Cao đẳng',
  BACHELOR: 'Đại học',
  MASTER: 'Thạc sĩ',
  DOCTORATE: 'Tiến sĩ',
  CONCENTRATED: 'Tập trung',
  NON_CONCENTRATED: 'Không tập trung',
  COMPLETION: 'Hoàn chỉnh',
  ONLINE: 'Trực tuyến',
  NOMINATED: 'Được cử',
  ADMITTED: 'Được nhận',
  STUDYING: 'Đang học',
  COMPLETED: 'Hoàn thành',
  NOT_COMPLETED: 'Không hoàn thành',
  DEFERRED: 'Tạm hoãn',
  WITHDRAWN: 'Rút',
  EXCELLENT: 'Xuất sắc',
  GOOD: 'Giỏi',
  FAIR: 'Khá',
  AVERAGE: 'Trung bình',
  ROTATION: 'Luân chuyển',
  TRANSFER: 'Điều động',
  SECONDMENT: 'Biệt phái',
  PROPOSED: 'Đề xuất',
  APPROVED: 'Đã phê duyệt',
  REALISED: 'Đã bổ nhiệm',
  REMOVED: 'Đưa ra khỏi quy hoạch',
  EXPIRED: 'Hết hiệu lực',
  READY_NOW: 'Sẵn sàng',
  ONE_TO_TWO_YEARS: '1–2 năm',
  THREE_TO_FIVE_YEARS: '3–5 năm',
  CENTRAL: 'Trung ương',
  ELEMENTARY: 'Sơ cấp',
  INTERMEDIATE: 'Trung cấp',
  ADVANCED: 'Cao cấp',
  ADVANCED_POLITICS_ADMIN: 'Cao cấp lý luận chính trị - hành chính',
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
  POLITICAL_THEORY: 'Lý luận chính trị',
  STATE_MANAGEMENT: 'Quản lý nhà nước',
  DEFENCE_SECURITY: 'Quốc phòng và an ninh',
  GRADE_COURSE: 'Bồi dưỡng ngạch',
  LEADERSHIP: 'Lãnh đạo, quản lý cấp phòng',
  COMMUNE_TITLES: 'Chức danh cấp xã',
  OFFICE_CULTURE_ETHICS: 'Văn hóa công sở, đạo đức công vụ',
  ADMINISTRATIVE_REFORM: 'Cải cách hành chính',
  PEOPLES_COUNCIL_DELEGATES: 'Đại biểu HĐND',
  SECTOR_REFRESHER: 'Bồi dưỡng chuyên ngành',
};

export function label(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return LABELS[value] ?? value;
}

/** ISO date (yyyy-mm-dd) as Vietnamese documents write it: dd/mm/yyyy. */
export function vnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
