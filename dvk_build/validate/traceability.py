"""Traceability: each clause of the guideline → dossier fields, rule codes, and where the site shows it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .rule import Rule, Source

GUIDELINE = "Hướng dẫn bổ sung các bước xây dựng mô hình “Dân vận khéo”, giai đoạn 2021-2025 (Ban Dân vận Tỉnh ủy)"
GUIDELINE_SHORT = "Hướng dẫn bổ sung các bước xây dựng mô hình"
FORMAT = "Định dạng hồ sơ của dự án (DOSSIER-FORMAT.md)"
REFORM = "Sắp xếp chính quyền địa phương năm 2025 (chính quyền địa phương hai cấp từ ngày 1/7/2025)"
SOURCE_LABELS = {
    Source.GUIDELINE: "hướng dẫn",
    Source.FORMAT: "định dạng hồ sơ",
    Source.CITED: "văn bản khác",
    Source.REFORM: "sắp xếp năm 2025",
    Source.READING: "cách đọc của dvk",
}

# Where the site shows things (URLs in DOSSIER-FORMAT.md, section titles from config.yaml `steps`).
_MODEL = "Trang mô hình (`mo-hinh/<tên>/`)"
_STEP = {
    1: f"{_MODEL}, mục “Bước 1: Lên ý tưởng xây dựng mô hình”",
    2: f"{_MODEL}, mục “Bước 2: Triển khai xây dựng mô hình”",
    3: f"{_MODEL}, mục “Bước 3: Theo dõi, đôn đốc, kiểm tra thực hiện mô hình” (dòng thời gian)",
    4: f"{_MODEL}, mục “Bước 4: Đánh giá mô hình” (bảng chỉ tiêu và kết quả)",
    5: f"{_MODEL}, mục “Bước 5: Công nhận mô hình”",
    6: f"{_MODEL}, mục “Bước 6: Khen thưởng và nhân rộng mô hình”",
}
_CRITERIA = f"{_MODEL}, mục “Tiêu chí mô hình “Dân vận khéo” (mục 5.2.a)”"


@dataclass(frozen=True)
class Clause:
    """One clause of the guideline (or of the format) and how the project carries it out.

    `rules` may be empty only when `note` says why the clause is documentary; otherwise `note`
    adds what the rules do not cover.
    """

    id: str  # stable; rules name it in `Rule.clause`
    ref: str  # where it sits: "Bước 1", "Mục 5.2.a, tập thể"
    text: str  # the guideline's words as written; `…` marks a cut, `[...]` an editorial addition
    fields: tuple[str, ...]  # dossier field paths, dotted, `[]` for list items
    rules: tuple[str, ...]  # rule codes that check it
    site: str  # where the published site shows it
    note: str = ""
    source: str = GUIDELINE
    kind: Source = Source.GUIDELINE
    line: int = 0  # line of the guideline text (shared/seed) where the clause starts; 0 outside it
    # What the site really shows: (page, text) pairs a test looks for in the built site; a page ending
    # in `*` means "at least one page under that folder" (the shipped models' pages).
    shows: tuple[tuple[str, str], ...] = ()


_CLAUSES: tuple[Clause, ...] = (
    Clause(
        "I", "Phần I",
        "Các bước xây dựng mô hình “Dân vận khéo” [Bước 1 đến Bước 6].",
        ("idea", "rollout", "monitoring", "evaluation", "recognitions", "awards", "replication"),
        ("DVK401", "DVK402"),
        f"{_MODEL}: sáu mục Bước 1 đến Bước 6 theo thứ tự; hồ sơ chưa được công nhận không được đăng",
        "Giai đoạn (bước xa nhất) của hồ sơ được tính ra, không nhập tay: hồ sơ nháp chỉ bị kiểm tra các bước đã qua.",
    ),
    # --- Bước 1 ---------------------------------------------------------------------------------
    Clause(
        "b1-nhan-dien-van-de", "Bước 1",
        "Nhận diện vấn đề (các vấn đề đang tồn tại ở đơn vị, địa phương, từ đó xác định nội dung, vấn đề cần xây "
        "dựng mô hình đúng trọng tâm, trọng điểm).",
        ("idea.problem",), ("DVK401",),
        f"{_STEP[1]}; khung “Nhân rộng mô hình này”, dòng “Vấn đề giải quyết”",
    ),
    Clause(
        "b1-dieu-kien-nguon-luc", "Bước 1",
        "Xem xét các điều kiện của đơn vị, địa phương; các nguồn lực để thực hiện mô hình (bao gồm cả những người "
        "tích cực tham gia mô hình, chọn người/tổ/đội hạt nhân, nòng cốt để thực hiện mô hình và nguồn kinh phí "
        "thực hiện).",
        ("idea.conditions", "idea.core_team", "idea.funding.amount_vnd", "idea.funding.sources"), (),
        f"{_STEP[1]}; khung “Nhân rộng mô hình này” (lực lượng nòng cốt, kinh phí)",
        "Hướng dẫn yêu cầu xem xét điều kiện, nguồn lực nhưng không đặt mức tối thiểu nào, nên không có quy tắc "
        "riêng; hồ sơ ghi lại để đơn vị khác học tập. Kiểu dữ liệu (số tiền là số không âm) do DVK102, DVK105 kiểm tra.",
    ),
    Clause(
        "b1-linh-vuc", "Bước 1",
        "Chọn nội dung xây dựng mô hình “Dân vận khéo” … tập trung trên các lĩnh vực: Kinh tế, văn hóa-xã hội, quốc "
        "phòng- an ninh, xây dựng hệ thống chính trị và các mô hình trong thực hiện tốt nội dung “04 không”.",
        ("fields", "fields[]", "period"), ("DVK201",),
        f"{_MODEL}, nhãn lĩnh vực; trang lĩnh vực `linh-vuc/<lĩnh-vực>/`",
    ),
    Clause(
        "b1-tieu-chi", "Bước 1",
        "Xác định tiêu chí, tiêu chuẩn của mô hình “Dân vận khéo” (thực hiện theo điểm 2, mục II của Hướng dẫn "
        "08-HD/BDVTU, ngày 25/5/2022).",
        ("criteria",), ("DVK202",),
        _CRITERIA,
        "Tiêu chí được xác định từ bước 1 nhưng chỉ bắt buộc có minh chứng khi đề nghị công nhận (mục 5.2.a).",
    ),
    Clause(
        "b1-ket-qua-du-kien", "Bước 1",
        "Kết quả dự kiến của mô hình (gồm: phạm vi, đối tượng tác động đến mô hình; mục tiêu, chỉ tiêu đặt ra của mô "
        "hình; lợi ích đem lại của mô hình; xác định những khó khăn khi triển khai mô hình; những việc, cấp ủy, chính "
        "quyền địa phương đơn vị phải tham gia để xây dựng mô hình; kết hợp hài hòa 03 lợi ích (tập thể, cộng đồng "
        "và cá nhân), ...",
        ("idea.scope", "idea.targets", "idea.targets[].id", "idea.targets[].indicator", "idea.targets[].target",
         "idea.targets[].unit", "idea.targets[].better", "idea.benefits", "idea.difficulties",
         "idea.interests.collective", "idea.interests.community", "idea.interests.individual",
         "idea.tasks.party_committee", "idea.tasks.authorities", "idea.tasks.organizations"),
        ("DVK401", "DVK204"),
        f"{_STEP[1]} (ba ô “03 lợi ích”); bảng chỉ tiêu ở mục Bước 4",
        "Chỉ tiêu là con số có đơn vị để so với kết quả ở bước 4; phạm vi, lợi ích, khó khăn và những việc cấp ủy, "
        "chính quyền, đơn vị phải tham gia (`idea.tasks`) là phần tự sự, không bắt buộc.",
    ),
    Clause(
        "b1-dang-ky", "Bước 1",
        "Đặt tên mô hình và đăng ký xây dựng mô hình (đối tượng và cách thức đăng ký thực hiện đảm bảo theo điểm 3.1 "
        "và 3.2, mục 3 của Hướng dẫn 08-HD/BDVTU, ngày 25/5/2022).",
        ("title", "idea.registered.date", "idea.registered.with"), ("DVK401", "DVK403"),
        f"{_MODEL}, tên mô hình; {_STEP[1]}, dòng “Đăng ký xây dựng mô hình”",
    ),
    # --- Bước 2 ---------------------------------------------------------------------------------
    Clause(
        "b2-ban-chi-dao", "Bước 2",
        "Thành lập Ban chỉ đạo xây dựng mô hình; tổ khảo sát mô hình; Tổ tuyên truyền, vận động thành lập mô hình...",
        ("rollout.steering_committee.date", "rollout.steering_committee.members", "rollout.survey_team.date",
         "rollout.survey_team.members", "rollout.survey_team.composition", "rollout.propaganda_team.date",
         "rollout.propaganda_team.members", "rollout.propaganda_team.composition"), ("DVK402",),
        _STEP[2],
        "Quy tắc chỉ kiểm tra ngày thành lập (Ban chỉ đạo, tổ khảo sát, tổ tuyên truyền) nằm sau ngày đăng ký; hướng "
        "dẫn kê các tổ này với dấu “...” nên hồ sơ không bắt buộc ghi: chỉ kế hoạch triển khai là bắt buộc ở bước 2.",
    ),
    Clause(
        "b2-khao-sat", "Bước 2",
        "Tiến hành khảo sát, báo cáo thực trạng tình hình nơi triển khai mô hình; đánh giá những thuận lợi, khó khăn "
        "khi triển khai, từ đó đề ra giải pháp thực hiện mô hình hiệu quả và sát với thực tiễn (đối với một số mô hình "
        "được triển khai trên diện rộng toàn xã, phường, thị trấn hoặc khu phố, xóm... cần xây dựng bản cam kết thực "
        "hiện để tất cả bà con Nhân dân cùng thực hiện).",
        ("rollout.survey.date", "rollout.survey.findings", "rollout.commitment.date", "rollout.commitment.signatories"),
        ("DVK402",),
        _STEP[2],
        "Bản cam kết chỉ cần với mô hình triển khai trên diện rộng; hồ sơ không ghi được “diện rộng” nên không bắt buộc.",
    ),
    Clause(
        "b2-phan-cong", "Bước 2",
        "Thông báo phân công nhiệm vụ các thành viên Ban chỉ đạo thực hiện mô hình.",
        ("rollout.assignment.date", "rollout.assignment.notice"), ("DVK402",),
        _STEP[2],
    ),
    Clause(
        "b2-ke-hoach", "Bước 2",
        "Xây dựng kế hoạch triển khai xây dựng mô hình (xác định cụ thể hình thức, cách thức triển khai mô hình; công "
        "tác tuyên truyền vận động Nhân dân thực hiện; phân công nhiệm vụ cụ thể …; tiến độ thời gian, địa điểm và các "
        "giải pháp thực hiện; kinh phí thực hiện và nguồn kinh phí).",
        ("rollout.plan.date", "rollout.plan.activities", "rollout.plan.budget_vnd"), ("DVK401", "DVK402"),
        _STEP[2],
    ),
    # --- Bước 3 ---------------------------------------------------------------------------------
    Clause(
        "b3-ke-hoach-theo-doi", "Bước 3",
        "Kế hoạch theo dõi kết quả tổ chức thực hiện.",
        ("monitoring_plan.number", "monitoring_plan.date", "monitoring_plan.content"), ("DVK402",),
        f"{_STEP[3]}, dòng “Kế hoạch theo dõi”",
        "Hồ sơ ghi bản kế hoạch theo dõi khi có (số, ngày, nội dung); không bắt buộc vì định dạng chỉ đòi ít nhất "
        "một lần theo dõi (DVK401); ngày kế hoạch không sớm hơn ngày đăng ký (DVK402).",
    ),
    Clause(
        "b3-kiem-tra", "Bước 3",
        "Kiểm tra theo tiến độ thực hiện, chỉ ra những việc chưa đảm bảo yêu cầu và bàn thống nhất các giải pháp.",
        ("monitoring[].date", "monitoring[].activity", "monitoring[].findings", "monitoring[].actions"),
        ("DVK401", "DVK402"),
        _STEP[3],
    ),
    Clause(
        "b3-ghi-chep", "Bước 3",
        "Ghi chép đầy đủ các việc, tiến độ triển khai thực hiện; kịp thời xác định khuyết điểm, hạn chế và trách nhiệm "
        "các bên, khắc phục ngay; động viên kịp thời.",
        ("monitoring[].findings", "monitoring[].actions"), ("DVK401",),
        _STEP[3],
        "“Đầy đủ” không đo được bằng máy: quy tắc chỉ đòi ít nhất một lần theo dõi có ngày và nội dung (theo quy định có hiệu lực khi công nhận).",
    ),
    Clause(
        "b3-nhan-dan-giam-sat", "Bước 3",
        "Cùng với Nhân dân kiểm tra, giám sát việc thực hiện mô hình; rút kinh nghiệm, phê bình, khen thưởng... (nếu có).",
        ("monitoring[].activity",), (),
        _STEP[3],
        "Hướng dẫn ghi “nếu có”: không bắt buộc; khi có, đơn vị ghi thành một lần theo dõi.",
    ),
    # --- Bước 4 ---------------------------------------------------------------------------------
    Clause(
        "b4-danh-gia", "Bước 4",
        "Đánh giá kết quả, hiệu quả so với mục tiêu, chỉ tiêu ban đầu đề ra.",
        ("evaluation.date", "evaluation.results[].target", "evaluation.results[].actual", "re_evaluations[].date",
         "re_evaluations[].reason", "re_evaluations[].results[].target", "re_evaluations[].results[].actual",
         "re_evaluations[].self_assessment", "recognitions[].evaluation_date"),
        ("DVK401", "DVK407"),
        f"{_STEP[4]}; mục “Đánh giá và công nhận qua các lần” (dòng thời gian)",
        "Mô hình được công nhận ở cấp dưới rồi đề nghị cấp trên thì được đánh giá lại: mỗi lần đánh giá lại ghi ngày, "
        "kết quả, mức tự đánh giá (`re_evaluations`); mỗi lần công nhận ghi lần đánh giá nó căn cứ "
        "(`recognitions[].evaluation_date`, DVK411 khi không khớp; DVK402 khi sai thứ tự).",
    ),
    Clause(
        "b4-qua-trinh", "Bước 4",
        "Quá trình triển khai thực hiện mô hình; các vấn đề phát sinh mà kế hoạch ban đầu không nhìn thấy, các vấn đề "
        "cần rút kinh nghiệm; trách nhiệm phối hợp của chính quyền, các bộ phận, tổ chức, cá nhân có liên quan.",
        ("evaluation.process", "evaluation.lessons"), (),
        _STEP[4],
        "Nội dung tự sự, không có tiêu chí đo được; hiển thị khi có.",
    ),
    Clause(
        "b4-lan-toa", "Bước 4",
        "Sự tích cực của tổ chức, cá nhân thực hiện mô hình; mức độ lan tỏa của mô hình trong Nhân dân (… có thu hút "
        "được nhiều thành viên tham gia hay không, có thành lập thêm được nhiều tổ chức cùng thực hiện hay không).",
        ("evaluation.spread",), (),
        _STEP[4],
        "Ở bước 4 đây là phần tự đánh giá tự sự; sức lan tỏa được bắt buộc có minh chứng ở tiêu chí 5.2.a "
        "(`criteria.spread`, DVK202).",
    ),
    Clause(
        "b4-kinh-phi", "Bước 4",
        "Nguồn kinh phí triển khai (có phát sinh hay không) (nếu có).",
        ("evaluation.funding_actual_vnd",), (),
        _STEP[4],
        "Hướng dẫn ghi “nếu có”: không bắt buộc; kiểu số do DVK102, DVK105 kiểm tra.",
    ),
    Clause(
        "b4-tuyen-truyen", "Bước 4",
        "Công tác tuyên truyền trong Nhân dân; công tác nắm tình hình, lắng nghe tâm tư, nguyện vọng của Nhân dân.",
        ("evaluation.process",), (),
        f"{_STEP[4]}; mục “Kinh nghiệm thực hiện” (phần nội dung của hồ sơ)",
        "Nội dung tự sự, không có trường riêng: đơn vị ghi ở `evaluation.process` hoặc phần nội dung (Markdown).",
    ),
    Clause(
        "b4-tu-danh-gia", "Bước 4",
        "Căn cứ kết quả dự kiến của mô hình theo bản đăng ký để tự đánh giá kết quả thực hiện của mô hình theo 03 mức: "
        "vượt, bằng, kém.",
        ("evaluation.self_assessment", "evaluation.results", "idea.targets"),
        ("DVK401", "DVK406", "DVK407"),
        f"{_STEP[4]}, dòng “Tự đánh giá”; đầu trang mô hình",
        "Mức tự đánh giá được tính lại từ kết quả: tất cả đạt và có chỉ tiêu vượt là “vượt”; tất cả vừa đạt là "
        "“bằng”; có chỉ tiêu chưa đạt là “kém”.",
    ),
    Clause(
        "b4-ben-vung", "Bước 4",
        "Tập thể (cá nhân) tự đánh giá về tính bền vững, khả năng nhân rộng của mô hình ở địa phương, cơ sở, cơ quan, "
        "đơn vị.",
        ("evaluation.sustainability", "evaluation.replicability.scope", "evaluation.replicability.how"), ("DVK303",),
        f"{_STEP[4]}; khung “Nhân rộng mô hình này”, dòng “Điều kiện nhân rộng”",
    ),
    # --- Bước 5 ---------------------------------------------------------------------------------
    Clause(
        "5.1", "Bước 5, mục 5.1",
        "Đề nghị các tập thể, cá nhân viết báo cáo kết quả triển khai, thực hiện việc xây dựng mô hình “Dân vận khéo” "
        "(theo Mẫu 2a của HD/BDVTU, ngày 25/5/2022).",
        ("recognitions[].report.form", "recognitions[].report.date"), ("DVK304", "DVK402"),
        _STEP[5],
    ),
    Clause(
        "5.2", "Bước 5, mục 5.2",
        "Cấp ủy, tổ chức đảng họp để xem xét, thảo luận và biểu quyết công nhận mô hình “Dân vận khéo” cho tập thể và "
        "cá nhân phải đảm bảo các tiêu chí, tiêu chuẩn cụ thể như sau:",
        ("recognitions[].body", "recognitions[].vote.date", "recognitions[].vote.body_kind",
         "recognitions[].vote.members", "recognitions[].vote.present", "recognitions[].vote.in_favor"),
        ("DVK304", "DVK402"),
        f"{_STEP[5]} (ngày biểu quyết, cơ quan biểu quyết, số thành viên, số có mặt, số tán thành)",
        "Hướng dẫn không nêu tỷ lệ biểu quyết. Tỷ lệ chỉ được kiểm tra theo văn bản căn cứ ghi trong cấu hình (dòng "
        "“Điều lệ Đảng” cuối bảng, DVK315); số liệu không thể có (tán thành nhiều hơn số thành viên) là DVK305.",
    ),
    Clause(
        "5.2.a", "Bước 5, mục 5.2.a",
        "a. Tiêu chí mô hình “Dân vận khéo” [đối với tập thể; đối với cá nhân].",
        ("holder.kind", "criteria"), ("DVK202",),
        _CRITERIA,
        "Bộ tiêu chí của mỗi loại chủ thể khai báo trong config.yaml (`criteria`).",
    ),
    Clause(
        "5.2.a-tt-linh-vuc", "Mục 5.2.a, tập thể",
        "Nội dung mô hình thuộc các lĩnh vực phát triển kinh tế, văn hóa - xã hội, quốc phòng - an ninh, xây dựng hệ "
        "thống chính trị hoặc nội dung “04 không”.",
        ("fields", "fields[]"), ("DVK201",),
        f"{_MODEL}, nhãn lĩnh vực; trang lĩnh vực `linh-vuc/<lĩnh-vực>/`",
    ),
    Clause(
        "5.2.a-tt-lanh-dao", "Mục 5.2.a, tập thể",
        "Phải gắn liền với sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền;",
        ("criteria.leadership", "holder.party_body"), ("DVK202",),
        f"{_CRITERIA}; đầu trang mô hình, dòng “Cấp ủy lãnh đạo”",
    ),
    Clause(
        "5.2.a-tt-hieu-qua", "Mục 5.2.a, tập thể",
        "mang lại hiệu quả thiết thực cho cơ quan, đơn vị, xã hội và cộng đồng dân cư.",
        ("criteria.effectiveness",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.a-tt-ung-ho", "Mục 5.2.a, tập thể",
        "Được đông đảo nhân dân đồng tình ủng hộ.",
        ("criteria.popular_support",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.a-tt-03-loi-ich", "Mục 5.2.a, tập thể",
        "Kết hợp hài hòa được 3 lợi ích (tập thể, cộng đồng và cá nhân).",
        ("criteria.three_interests", "idea.interests.collective", "idea.interests.community", "idea.interests.individual"),
        ("DVK202", "DVK204"),
        f"{_CRITERIA}; {_STEP[1]}, ba ô “03 lợi ích”",
    ),
    Clause(
        "5.2.a-tt-lan-toa", "Mục 5.2.a, tập thể",
        "Có sức lan tỏa, ảnh hưởng lớn, tích cực trong cộng đồng; có tính kế thừa, phát triển và được nhân rộng ở "
        "ngành, địa phương.",
        ("criteria.spread", "replication.sites"), ("DVK202",),
        f"{_CRITERIA}; {_STEP[6]}, dòng “Nơi đã nhân rộng”",
    ),
    Clause(
        "5.2.a-cn-vai-tro", "Mục 5.2.a, cá nhân",
        "Là người trực tiếp tham mưu, triển khai và tổ chức thực hiện mô hình; hoặc là người chủ công trực tiếp thực "
        "hiện mô hình đạt nhiều kết quả được tập thể ghi nhận biểu dương.",
        ("criteria.role", "holder.title"), ("DVK202", "DVK205"),
        f"{_CRITERIA}; đầu trang mô hình, dòng “Chủ thể” (họ tên, chức vụ)",
    ),
    Clause(
        "5.2.a-cn-sang-tao", "Mục 5.2.a, cá nhân",
        "Có nhiều sáng tạo trong quá trình thực hiện hoặc có phương pháp “khéo” trong vận động nhân dân.",
        ("criteria.creativity",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.a-cn-lan-toa", "Mục 5.2.a, cá nhân",
        "Có sức lan tỏa trong địa phương, cơ quan, đơn vị.",
        ("criteria.spread",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.a-cn-pham-chat", "Mục 5.2.a, cá nhân",
        "Có phẩm chất chính trị, đạo đức tốt, lối sống lành mạnh; bản thân và gia đình gương mẫu thực hiện tốt các "
        "chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        ("criteria.conduct",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.a-cn-van-dong", "Mục 5.2.a, cá nhân",
        "Vận động được đông đảo nhân dân, người lao động hưởng ứng tham gia các phong trào thi đua yêu nước ở địa "
        "phương, đơn vị.",
        ("criteria.mobilization",), ("DVK202",),
        _CRITERIA,
    ),
    Clause(
        "5.2.b", "Bước 5, mục 5.2.b",
        "b. Tiêu chuẩn mô hình “Dân vận khéo” [cấp cơ sở, cấp huyện, cấp tỉnh].",
        ("period", "recognitions[].tier", "evaluation.replicability.scope", "locality.district", "locality.commune"),
        ("DVK302", "DVK303", "DVK307", "DVK316"),
        f"{_STEP[5]}; nhãn cấp; trang cấp `cap/<cấp>/`",
        "Các cấp của mỗi giai đoạn khai báo trong config.yaml: giai đoạn 2026-2030 (chính quyền địa phương hai cấp) "
        "chỉ có cấp xã và cấp tỉnh, nên cấp công nhận và phạm vi nhân rộng không là cấp huyện (DVK301) và địa bàn "
        "không ghi huyện: hai quy tắc đó theo cuộc sắp xếp năm 2025, ghi ở dòng riêng cuối bảng. DVK307 (cùng một "
        "cấp công nhận hai lần) là cách đọc của dvk, chỉ cảnh báo.",
    ),
    Clause(
        "5.2.b-co-so", "Mục 5.2.b, cấp cơ sở",
        "Đối với Mô hình “Dân vận khéo” cấp cơ sở: Đảm bảo các tiêu chí theo điểm a, mục 5.2 nêu trên; đã nhân rộng "
        "hoặc có thể nhân rộng ở cơ sở (thôn, khu phố, các chi, tổ hội,...), nội bộ tổ chức, cơ quan, đơn vị các cấp.",
        ("recognitions[].tier", "criteria", "evaluation.replicability.scope"), ("DVK202", "DVK303"),
        f"{_STEP[5]}; trang cấp `cap/co-so/`",
    ),
    Clause(
        "5.2.b-huyen", "Mục 5.2.b, cấp huyện",
        "Đối với Mô hình “Dân vận khéo” cấp huyện: Là những mô hình được chọn ra từ các mô hình được công nhận mô hình "
        "“Dân vận khéo” cấp cơ sở; đã nhân rộng hoặc có thể nhân rộng ở phạm vi toàn huyện (thị xã, thành phố), cơ "
        "quan, đơn vị, tổ chức theo ngành dọc cấp huyện.",
        ("recognitions[].tier", "evaluation.replicability.scope"), ("DVK302", "DVK303", "DVK402"),
        f"{_STEP[5]}; trang cấp `cap/huyen/`",
    ),
    Clause(
        "5.2.b-tinh", "Mục 5.2.b, cấp tỉnh",
        "Mô hình “Dân vận khéo” cấp tỉnh: Là những mô hình được chọn ra từ các mô hình được công nhận mô hình “Dân vận "
        "khéo” cấp huyện; đã nhân rộng hoặc có thể nhân rộng trong phạm vi toàn tỉnh, cơ quan, đơn vị, tổ chức theo "
        "ngành dọc cấp tỉnh và các đơn vị ngành dọc Trung ương quản lý đóng chân trên địa bàn tỉnh.",
        ("recognitions[].tier", "evaluation.replicability.scope"), ("DVK302", "DVK303", "DVK402"),
        f"{_STEP[5]}; trang cấp `cap/tinh/`",
    ),
    Clause(
        "5.3", "Bước 5, mục 5.3",
        "Ban hành Thông báo công nhận mô hình “Dân vận khéo” cho các tập thể, cá nhân (theo Mẫu 2b của HD/BDVTU, ngày "
        "25/5/2022).",
        ("recognitions[].notice.number", "recognitions[].notice.date"), ("DVK304", "DVK311", "DVK402"),
        f"{_STEP[5]}; đầu trang mô hình, dòng “Cấp cao nhất”; nguồn tin `feed.xml`",
        "Hồ sơ có ít nhất một lần công nhận hợp lệ mới được đăng trên trang.",
    ),
    # --- Bước 6 ---------------------------------------------------------------------------------
    Clause(
        "b6-khen-thuong", "Bước 6",
        "Hàng năm, các cấp ủy, tổ chức đảng xem xét, lựa chọn các mô hình “Dân vận khéo” tiêu biểu để biểu dương, khen "
        "thưởng đảm bảo theo Hướng dẫn số 10 - HD/BDVTU, ngày 22/3/2024 …",
        ("awards[].year", "awards[].by", "awards[].form", "awards[].decision", "awards[].typical",
         "awards[].selected.date", "awards[].selected.by"),
        ("DVK409", "DVK410"),
        f"{_STEP[6]}; đầu trang mô hình, dòng “Tiêu biểu”",
        "Việc chọn mô hình tiêu biểu là của cấp ủy; hồ sơ ghi lại kết quả (năm, cơ quan, hình thức, số quyết định) và "
        "việc lựa chọn (`awards[].selected`: ngày, cấp ủy). Năm khen thưởng, ngày lựa chọn không sớm hơn lần công "
        "nhận đầu (DVK409); ngày lựa chọn nằm trong năm khen thưởng (DVK410, cách đọc của dvk). "
        "Số quyết định được đối chiếu với thể thức văn bản (DVK306, dòng “Thể thức văn bản” cuối bảng).",
    ),
    Clause(
        "b6-tuyen-truyen", "Bước 6",
        "Tăng cường tuyên truyền phổ biến, nhân rộng các mô hình được công nhận trong các cơ quan, đơn vị trực thuộc.",
        (), (),
        "Cả trang web: danh mục `danh-muc/`, trang cấp `cap/`, trang lĩnh vực `linh-vuc/`, nguồn tin `feed.xml`, "
        "dữ liệu mở `du-lieu/`",
        "Việc của cấp ủy, không phải nội dung hồ sơ; chính trang danh mục này là một kênh tuyên truyền, đăng mọi mô "
        "hình đã được công nhận.",
    ),
    Clause(
        "b6-nhan-rong", "Bước 6",
        "Nghiên cứu học tập các mô hình phù hợp để áp dụng triển khai thực hiện trong Đảng bộ, Đảng ủy mình.",
        ("replication.derived_from",), (),
        f"{_STEP[6]}, dòng “Học tập từ mô hình” và “Các mô hình học tập từ mô hình này”",
        "Việc học tập là của cấp ủy, hồ sơ ghi mô hình gốc khi có; liên kết phải trỏ tới một hồ sơ có thật và không "
        "vòng tròn (DVK602, DVK603: yêu cầu của định dạng, dòng “Số liệu nhất quán”).",
    ),
    Clause(
        "b6-mo-hinh-chua-cao", "Bước 6",
        "Quan tâm triển khai các mô hình kết quả chưa cao, chưa có sức lan tỏa trong Nhân dân để có nhiều mô hình hay, "
        "tốt đề nghị công nhận cấp tỉnh.",
        ("evaluation.self_assessment", "follow_up[].date", "follow_up[].by", "follow_up[].action"), (),
        f"{_STEP[6]}, mục “Theo dõi, giúp đỡ mô hình kết quả chưa cao”; dòng “Tự đánh giá”",
        "Chỉ đạo dành cho cấp ủy, không phải điều kiện công nhận: hồ sơ ghi những việc cấp ủy đã làm (`follow_up`) "
        "khi có; mức tự đánh giá “kém” cho thấy kết quả chưa cao.",
    ),
    Clause(
        "b6-ke-hoach-nhan-rong", "Bước 6",
        "Lập Kế hoạch nhân rộng mô hình.",
        ("replication.plan", "replication.plan_document.number", "replication.plan_document.date",
         "replication.sites[].unit", "replication.sites[].locality", "replication.sites[].year"), (),
        f"{_STEP[6]}, dòng “Kế hoạch nhân rộng” và “Nơi đã nhân rộng”",
        "Kế hoạch nhân rộng do cấp ủy lập sau khi công nhận; hồ sơ ghi lại khi có, không bắt buộc để được đăng. "
        "Phạm vi nhân rộng theo cấp được kiểm tra ở mục 5.2.b (DVK303).",
    ),
    # --- Phần II và chú thích -------------------------------------------------------------------
    Clause(
        "II", "Phần II",
        "[Tổ chức thực hiện] Ban thường vụ các huyện, thị, thành ủy và đảng ủy trực thuộc chỉ đạo triển khai thực hiện "
        "đảm bảo theo các bước nêu trong Hướng dẫn này …",
        (), (),
        "Trang hướng dẫn `huong-dan/`",
        "Phân công giữa các cấp ủy; không có dữ liệu nào trong hồ sơ.",
    ),
    Clause(
        "chu-thich-04-khong", "Chú thích (1)",
        "Nội dung “4 không”: Không gây phiền hà cho nhân dân và doanh nghiệp; Không xả rác nhựa và rác thải sinh hoạt "
        "bừa bãi; Không vi phạm Luật Giao thông đường bộ; Không tụ tập gây rối, ảnh hưởng an ninh chính trị, trật tự, "
        "an toàn xã hội.",
        ("fields[]",), (),
        "Trang lĩnh vực `linh-vuc/bon-khong/`: đầu trang ghi nguyên văn bốn nội dung",
        "Là một giá trị của `fields` (`bon-khong`); giá trị lạ do DVK103 của định dạng báo.",
    ),
    Clause(
        "II-tham-muu", "Phần II",
        "Ban Dân vận các huyện, thị, thành ủy và các đảng ủy trực thuộc tham mưu cho ban thường vụ cấp ủy cùng cấp "
        "triển khai thực hiện Hướng dẫn.",
        (), (),
        "Trang hướng dẫn `huong-dan/`, mục “Tổ chức thực hiện”",
        "Phân công giữa các cơ quan; không có dữ liệu nào trong hồ sơ.",
    ),
    Clause(
        "hieu-luc", "Phần II, hiệu lực",
        "Hướng dẫn này có hiệu lực thi hành kể từ ngày ký và bổ sung cho Hướng dẫn 08-HD/BDVTU, ngày 25/5/2022 …",
        ("recognitions[].vote.date",), ("DVK401",),
        "Trang hướng dẫn `huong-dan/`, mục “Hiệu lực”",
        "Ngày ký không ghi trong văn bản; văn bản dẫn Hướng dẫn 10-HD/BDVTU ngày 22/3/2024 nên được ký từ ngày đó trở "
        "đi. config.yaml ghi ngày này (`rules_in_force`) cho từng giai đoạn: mô hình được công nhận lần đầu trước "
        "ngày đó được xét theo quy định khi ấy (Hướng dẫn 08-HD/BDVTU), không bị đòi các bước bổ sung.",
    ),
    # --- the format's own requirements ------------------------------------------------------------
    Clause(
        "dinh-dang", "Đọc được hồ sơ",
        "Mỗi hồ sơ là một tệp Markdown mã UTF-8, mở đầu bằng phần thông tin YAML giữa hai dòng `---`; tên tệp là địa "
        "chỉ trang; chỉ dùng các trường của định dạng, đúng kiểu, đúng dạng, đủ trường bắt buộc.",
        ("title", "period", "fields", "summary", "holder.kind", "holder.name", "locality.province"),
        ("DVK001", "DVK002", "DVK003", "DVK004", "DVK005", "DVK006", "DVK007", "DVK008",
         "DVK101", "DVK102", "DVK103", "DVK104", "DVK105", "DVK106", "DVK107", "DVK108", "DVK203", "DVK511"),
        f"{_MODEL}: tên, tóm tắt, chủ thể, địa bàn; lược đồ dữ liệu mở `du-lieu/dossier.schema.json`",
        "Không phải điều khoản của hướng dẫn: điều kiện để máy đọc đúng hồ sơ mà người soạn đã viết. DVK203: tiêu "
        "chí ghi cho đúng loại chủ thể (hai bộ tiêu chí của mục 5.2.a là hai nhóm trường khác nhau).",
        source=FORMAT, kind=Source.FORMAT,
    ),
    Clause(
        "so-lieu", "Số liệu nhất quán",
        "Số liệu trong hồ sơ không tự mâu thuẫn: số phiếu, số người dự họp không quá số thành viên; không có ngày trong "
        "tương lai; kết quả ghi đúng mã chỉ tiêu đã đăng ký, mã không trùng; mô hình gốc (`derived_from`) là một hồ sơ "
        "có thật, không vòng tròn; mỗi hồ sơ một tên riêng.",
        ("recognitions[].vote.members", "recognitions[].vote.present", "recognitions[].vote.in_favor",
         "idea.targets[].id", "evaluation.results[].target", "replication.derived_from"),
        ("DVK305", "DVK404", "DVK405", "DVK408", "DVK411", "DVK601", "DVK602", "DVK603"),
        f"{_STEP[4]}; {_STEP[5]}; {_STEP[6]}",
        "Không phải điều khoản của hướng dẫn: số liệu mâu thuẫn là nhập nhầm, trang không thể đăng đúng.",
        source=FORMAT, kind=Source.FORMAT,
    ),
    Clause(
        "sap-xep-2025", "Sắp xếp năm 2025",
        "Từ ngày 1/7/2025 chính quyền địa phương có hai cấp (tỉnh và xã), không còn cấp huyện.",
        ("period", "recognitions[].tier", "evaluation.replicability.scope", "locality.district",
         "locality.current_province", "locality.current_commune"),
        ("DVK301", "DVK308"),
        f"{_STEP[5]}; trang cấp `cap/xa/`; trang hướng dẫn `huong-dan/`, mục “Sau sắp xếp đơn vị hành chính năm 2025”",
        "Không phải điều khoản của hướng dẫn (hướng dẫn thuộc giai đoạn 2021-2025, còn cấp huyện): các cấp của mỗi "
        "giai đoạn khai báo trong config.yaml; giai đoạn 2026-2030 chỉ có cấp xã và cấp tỉnh.",
        source=REFORM, kind=Source.REFORM,
    ),
    Clause(
        "dieu-le-dang", "Điều lệ Đảng, Điều 9, khoản 5",
        "Nghị quyết của các cơ quan lãnh đạo của Đảng chỉ có giá trị thi hành khi có hơn một nửa số thành viên "
        "trong cơ quan lãnh đạo đó tán thành.",
        ("recognitions[].vote.body_kind", "recognitions[].vote.members", "recognitions[].vote.present",
         "recognitions[].vote.in_favor"),
        ("DVK315",),
        f"{_STEP[5]} (cơ quan biểu quyết, số thành viên, số có mặt, số tán thành)",
        "Không phải điều khoản của hướng dẫn (mục 5.2 chỉ nói “họp … thảo luận và biểu quyết”). Áp dụng cho loại cơ "
        "quan mà config.yaml (`vote_bodies`) ghi kèm văn bản căn cứ; chi bộ chưa có căn cứ được ghi nên chỉ được ghi "
        "lại, không kiểm tra.",
        source="Điều lệ Đảng Cộng sản Việt Nam (2011)", kind=Source.CITED,
    ),
    Clause(
        "danh-muc-hanh-chinh", "Danh mục đơn vị hành chính",
        "Địa bàn là đơn vị hành chính có trong danh mục chính thức của giai đoạn; đơn vị hiện nay (sau sắp xếp năm "
        "2025) suy ra từ danh mục.",
        ("locality.province", "locality.district", "locality.commune", "locality.current_province",
         "locality.current_commune"),
        ("DVK309", "DVK310"),
        f"{_MODEL}, dòng “Địa bàn” (và “Nay thuộc”); trang theo tỉnh `tinh/`",
        "Không phải điều khoản của hướng dẫn: danh mục đơn vị hành chính trước và sau ngày 1/7/2025 "
        "(dvk_build/register.py).",
        source="Bảng danh mục và mã số các đơn vị hành chính Việt Nam (Quyết định 124/2004/QĐ-TTg; 19/2025/QĐ-TTg)",
        kind=Source.CITED,
    ),
    Clause(
        "the-thuc-van-ban", "Thể thức văn bản",
        "Số, ký hiệu của văn bản: văn bản của Đảng `số-loại/cơ quan` (như `21-TB/ĐU`), văn bản nhà nước "
        "`số/loại-cơ quan` (như `1520/QĐ-UBND`).",
        ("recognitions[].notice.number", "awards[].decision", "rollout.assignment.notice"),
        ("DVK306",),
        f"{_STEP[5]} (số thông báo); {_STEP[6]} (số quyết định)",
        "Không phải điều khoản của hướng dẫn: thể thức văn bản của Đảng (Quy định 66-QĐ/TW năm 2017, Quy định "
        "399-QĐ/TW năm 2026, Hướng dẫn 36-HD/VPTW năm 2018) và của văn bản hành chính nhà nước (Nghị định "
        "30/2020/NĐ-CP về công tác văn thư); chỉ cảnh báo.",
        source="Quy định 66-QĐ/TW, 399-QĐ/TW; Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP", kind=Source.CITED,
    ),
    Clause(
        "an-toan", "An toàn khi công bố",
        "Trang là trang công khai: không có mã HTML nguy hiểm, không có dữ liệu cá nhân (số định danh cá nhân trên thẻ Căn cước, số điện thoại di "
        "động, thư điện tử, địa chỉ nhà riêng); tệp đính kèm nằm trong thư mục hồ sơ, đúng loại; mỗi hồ sơ một địa chỉ riêng.",
        ("contact.phone", "contact.email", "contact.official", "attachments[].path", "attachments[].caption"),
        ("DVK501", "DVK502", "DVK503", "DVK504", "DVK505", "DVK506", "DVK507", "DVK508", "DVK509", "DVK510", "DVK512"),
        f"{_MODEL}, khung “Nhân rộng mô hình này”, dòng “Liên hệ” (chỉ số máy, hộp thư cơ quan); mục “Tài liệu kèm theo”",
        "Không phải điều khoản của hướng dẫn: yêu cầu của việc đăng công khai (Luật Bảo vệ dữ liệu cá nhân năm 2025, Luật số 91/2025/QH15; Nghị định 356/2025/NĐ-CP).",
        source=FORMAT, kind=Source.FORMAT,
    ),
)

# Where each clause starts in the guideline's text (tests/data/guideline-000_ae6568405bf8c3a2.txt).
LINES: dict[str, int] = {
    "I": 9, "b1-nhan-dien-van-de": 13, "b1-dieu-kien-nguon-luc": 15, "b1-linh-vuc": 15, "b1-tieu-chi": 17,
    "b1-ket-qua-du-kien": 19, "b1-dang-ky": 21, "b2-ban-chi-dao": 25, "b2-khao-sat": 29, "b2-phan-cong": 31,
    "b2-ke-hoach": 33, "b3-ke-hoach-theo-doi": 37, "b3-kiem-tra": 39, "b3-ghi-chep": 41, "b3-nhan-dan-giam-sat": 43,
    "b4-danh-gia": 47, "b4-qua-trinh": 49, "b4-lan-toa": 51, "b4-kinh-phi": 53, "b4-tuyen-truyen": 55,
    "b4-tu-danh-gia": 57, "b4-ben-vung": 59, "5.1": 63, "5.2": 67, "5.2.a": 69, "5.2.a-tt-linh-vuc": 73,
    "5.2.a-tt-lanh-dao": 75, "5.2.a-tt-hieu-qua": 75, "5.2.a-tt-ung-ho": 77, "5.2.a-tt-03-loi-ich": 79,
    "5.2.a-tt-lan-toa": 81, "5.2.a-cn-vai-tro": 85, "5.2.a-cn-sang-tao": 85, "5.2.a-cn-lan-toa": 87,
    "5.2.a-cn-pham-chat": 89, "5.2.a-cn-van-dong": 91, "5.2.b": 93, "5.2.b-co-so": 95, "5.2.b-huyen": 97,
    "5.2.b-tinh": 99, "5.3": 101, "b6-khen-thuong": 105, "b6-tuyen-truyen": 107, "b6-nhan-rong": 109,
    "b6-mo-hinh-chua-cao": 111, "b6-ke-hoach-nhan-rong": 113, "II": 117, "II-tham-muu": 119, "hieu-luc": 121,
    "chu-thich-04-khong": 27,
}

_M = "mo-hinh/*"  # some shipped model's page
_CRIT = [(_M, "Tiêu chí mô hình “Dân vận khéo” (mục 5.2.a)")]
SHOWS: dict[str, tuple[tuple[str, str], ...]] = {
    "I": ((_M, "Bước 1: Lên ý tưởng xây dựng mô hình"), (_M, "Bước 6: Khen thưởng và nhân rộng mô hình")),
    "b1-nhan-dien-van-de": ((_M, "Vấn đề đặt ra"), (_M, "Vấn đề giải quyết")),
    "b1-dieu-kien-nguon-luc": ((_M, "Điều kiện, nguồn lực"), (_M, "Lực lượng nòng cốt"), (_M, "Kinh phí dự kiến")),
    "b1-linh-vuc": (("linh-vuc/kinh-te/", "Lĩnh vực Kinh tế"), (_M, "Kinh tế")),
    "b1-tieu-chi": tuple(_CRIT),
    "b1-ket-qua-du-kien": ((_M, "Lợi ích tập thể"), (_M, "Chỉ tiêu đăng ký và kết quả đạt được"), (_M, "Việc của cấp ủy")),
    "b1-dang-ky": ((_M, "Đăng ký xây dựng mô hình"),),
    "b2-ban-chi-dao": ((_M, "Ban chỉ đạo"), (_M, "Tổ khảo sát mô hình"), (_M, "Tổ tuyên truyền, vận động")),
    "b2-khao-sat": ((_M, "Khảo sát thực trạng"), (_M, "Bản cam kết của Nhân dân")),
    "b2-phan-cong": ((_M, "Thông báo phân công nhiệm vụ"),),
    "b2-ke-hoach": ((_M, "Kế hoạch triển khai"),),
    "b3-ke-hoach-theo-doi": ((_M, "Kế hoạch theo dõi"),),
    "b3-kiem-tra": ((_M, "Nhận xét:"), (_M, "Giải pháp:")),
    "b3-ghi-chep": ((_M, "Nhận xét:"),),
    "b3-nhan-dan-giam-sat": ((_M, "Bước 3: Theo dõi, đôn đốc, kiểm tra thực hiện mô hình"),),
    "b4-danh-gia": ((_M, "Chỉ tiêu đăng ký và kết quả đạt được"), (_M, "Đánh giá và công nhận qua các lần"),
                    (_M, "căn cứ kết quả đánh giá ngày")),
    "b4-qua-trinh": ((_M, "Quá trình triển khai, vấn đề phát sinh"), (_M, "Bài học kinh nghiệm")),
    "b4-lan-toa": ((_M, "Mức độ lan tỏa"),),
    "b4-kinh-phi": ((_M, "Kinh phí thực tế"),),
    "b4-tuyen-truyen": ((_M, "Quá trình triển khai, vấn đề phát sinh"), (_M, "Kinh nghiệm thực hiện")),
    "b4-tu-danh-gia": ((_M, "Tự đánh giá"),),
    "b4-ben-vung": ((_M, "Tính bền vững"), (_M, "Điều kiện nhân rộng")),
    "5.1": ((_M, "Báo cáo Mẫu 2a ngày"),),
    "5.2": ((_M, "Biểu quyết ngày"),),
    "5.2.a": tuple(_CRIT),
    "5.2.a-tt-linh-vuc": (("linh-vuc/van-hoa-xa-hoi/", "Lĩnh vực Văn hóa - xã hội"),),
    "5.2.a-tt-lanh-dao": ((_M, "Gắn với sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền"), (_M, "Cấp ủy lãnh đạo")),
    "5.2.a-tt-hieu-qua": ((_M, "Hiệu quả thiết thực"),),
    "5.2.a-tt-ung-ho": ((_M, "Được đông đảo Nhân dân đồng tình ủng hộ"),),
    "5.2.a-tt-03-loi-ich": ((_M, "Kết hợp hài hòa 03 lợi ích"), (_M, "Lợi ích cộng đồng")),
    "5.2.a-tt-lan-toa": ((_M, "Sức lan tỏa, kế thừa, nhân rộng"), (_M, "Nơi đã nhân rộng")),
    "5.2.a-cn-vai-tro": ((_M, "Vai trò trực tiếp tham mưu, tổ chức thực hiện"),),
    "5.2.a-cn-sang-tao": ((_M, "Sáng tạo, phương pháp “khéo” trong vận động"),),
    "5.2.a-cn-lan-toa": ((_M, "Sức lan tỏa trong địa phương, đơn vị"),),
    "5.2.a-cn-pham-chat": ((_M, "Phẩm chất chính trị, đạo đức, lối sống"),),
    "5.2.a-cn-van-dong": ((_M, "Vận động được đông đảo Nhân dân"),),
    "5.2.b": (("cap/huyen/", "Cấp huyện"), (_M, "Bước 5: Công nhận mô hình")),
    "5.2.b-co-so": (("cap/co-so/", "Cấp cơ sở"),),
    "5.2.b-huyen": (("cap/huyen/", "Cấp huyện"),),
    "5.2.b-tinh": (("cap/tinh/", "Cấp tỉnh"),),
    "5.3": ((_M, "Thông báo công nhận (Mẫu 2b) số"), ("feed.xml", "<entry>")),
    "b6-khen-thuong": ((_M, "mô hình tiêu biểu"), (_M, "Được lựa chọn là mô hình tiêu biểu"), ("tieu-bieu/", "tiêu biểu")),
    "b6-tuyen-truyen": (("danh-muc/", "Danh mục"), ("du-lieu/", "Dữ liệu mở"), ("feed.xml", "<feed")),
    "b6-nhan-rong": ((_M, "Học tập từ mô hình"), (_M, "Các mô hình học tập từ mô hình này")),
    "b6-mo-hinh-chua-cao": ((_M, "Theo dõi, giúp đỡ mô hình kết quả chưa cao"), (_M, "Tự đánh giá")),
    "b6-ke-hoach-nhan-rong": ((_M, "Kế hoạch nhân rộng"), (_M, "Văn bản kế hoạch nhân rộng"), (_M, "Nơi đã nhân rộng")),
    "II": (("huong-dan/", "Ban thường vụ các huyện, thị, thành ủy và đảng ủy trực thuộc chỉ đạo"),),
    "II-tham-muu": (("huong-dan/", "Ban Dân vận các huyện, thị, thành ủy và các đảng ủy trực thuộc tham mưu"),),
    "hieu-luc": (("huong-dan/", "có hiệu lực thi hành kể từ ngày ký"),),
    "chu-thich-04-khong": (("linh-vuc/bon-khong/", "Không xả rác nhựa và rác thải sinh hoạt bừa bãi"),
                           ("linh-vuc/bon-khong/", "Không tụ tập gây rối, ảnh hưởng an ninh chính trị")),
    "dinh-dang": (("du-lieu/dossier.schema.json", "Hồ sơ mô hình “Dân vận khéo”"), (_M, "Chủ thể")),
    "so-lieu": ((_M, "Chỉ tiêu đăng ký và kết quả đạt được"),),
    "sap-xep-2025": (("huong-dan/", "Sau sắp xếp đơn vị hành chính năm 2025"), ("cap/xa/", "Cấp xã")),
    "the-thuc-van-ban": ((_M, "Thông báo công nhận (Mẫu 2b) số"),),
    "danh-muc-hanh-chinh": ((_M, "Địa bàn"), ("tinh/", "Theo tỉnh, thành phố")),
    "dieu-le-dang": ((_M, "thành viên có mặt"),),
    "an-toan": ((_M, "Liên hệ"), (_M, "Tài liệu kèm theo")),
}

# Sub-items of the guideline that no row carries, and why (shown under the table).
LEFT_OUT: tuple[tuple[str, int, str, str], ...] = (
    ("Mở đầu", 7, "Để tiếp tục xây dựng và nhận rộng các mô hình … Ban Dân vận Tỉnh ủy Hướng dẫn bổ sung các bước …",
     "Lời dẫn, nêu lý do ban hành; không đặt yêu cầu nào."),
    ("Nơi nhận", 123, "Thường trực Tỉnh ủy, … Lưu Văn thư.",
     "Danh sách nơi nhận văn bản; không đặt yêu cầu nào cho hồ sơ."),
)

CLAUSES: tuple[Clause, ...] = tuple(replace(c, line=LINES.get(c.id, 0), shows=SHOWS.get(c.id, ())) for c in _CLAUSES)
BY_ID: dict[str, Clause] = {c.id: c for c in CLAUSES}


def describe_source(rule: Rule) -> str:
    """The rule's source in Vietnamese, as `dvk rules` and the page `quy-tac/` show it."""
    clause = BY_ID.get(rule.clause)
    if rule.source is Source.GUIDELINE and clause is not None:
        return f"{GUIDELINE_SHORT}, {_lower_first(clause.ref)} (dòng {clause.line} của văn bản)"
    if rule.source is Source.READING:
        where = f", {_lower_first(clause.ref)} (dòng {clause.line})" if clause is not None and clause.line else ""
        return f"Cách đọc của dvk, không phải yêu cầu của hướng dẫn{where}: {rule.cite}"
    if rule.source is Source.CITED:
        return rule.cite
    if rule.source is Source.REFORM:
        return f"{REFORM}. {rule.cite}".strip()
    return f"{FORMAT}" + (f"; {rule.cite}" if rule.cite else "")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rules_url: str | None = None) -> str:
    """The table as a Vietnamese Markdown section (level-2 heading), for the rules page.

    `rules_url` (e.g. "../quy-tac/") links each rule code to its entry in the rules reference.
    """
    from .registry import RULES

    def code(c: str) -> str:
        rule = RULES[c]
        link = f"[{c}]({rules_url}#{c.lower()})" if rules_url is not None else f"`{c}`"
        tags = [rule.severity.label]
        if rule.source is not Source.GUIDELINE:
            tags.insert(0, SOURCE_LABELS[rule.source])
        return f"{link} {rule.name} ({', '.join(tags)})"

    lines = [
        "## Đối chiếu hướng dẫn với hồ sơ và quy tắc kiểm tra { #doi-chieu-huong-dan }",
        "",
        f"Mỗi dòng là một điều khoản của {GUIDELINE} (số dòng là dòng của văn bản), hoặc một yêu cầu không thuộc "
        "hướng dẫn (định dạng hồ sơ, văn bản khác, sắp xếp chính quyền năm 2025: có ghi rõ): trường nào trong hồ sơ "
        "ghi lại, quy tắc nào của lệnh `dvk check` kiểm tra, và trang web hiển thị ở đâu. Điều khoản không có quy tắc "
        "thì có ghi lý do. Quy tắc ghi “cách đọc của dvk” là cách hiểu của phần mềm, không phải yêu cầu của hướng "
        "dẫn, nên chỉ cảnh báo.",
        "",
        "| Điều khoản | Nội dung | Trường trong hồ sơ | Quy tắc | Trên trang web |",
        "|---|---|---|---|---|",
    ]
    for c in CLAUSES:
        fields = ", ".join(f"`{f}`" for f in c.fields) or "—"
        rules = ", ".join(code(r) for r in c.rules) or "không có"
        ref = f"{c.ref} (dòng {c.line})" if c.line else f"{c.ref} *({SOURCE_LABELS[c.kind]})*"
        content = c.text if c.source == GUIDELINE else f"{c.text} *({c.source})*"
        if c.note:
            content += f"<br>*Ghi chú:* {c.note}"
        lines.append(f"| {_cell(ref)} | {_cell(content)} | {_cell(fields)} | {_cell(rules)} | {_cell(c.site)} |")
    lines += ["", "Phần của văn bản không thành dòng nào trong bảng:", ""]
    lines += [f"- {ref} (dòng {line}): “{text}” — {why}" for ref, line, text, why in LEFT_OUT]
    return "\n".join(lines) + "\n"
