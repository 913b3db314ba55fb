"""Assignment rules from gold-set genres, each case a real corpus passage (the document id is in the case name).

A case is a small plan body parsed with :func:`vnadmin.pipeline.parse_text`; the expected assignees are
(name as written, role) pairs, compared as sets.
"""

from __future__ import annotations

import pytest

from vnadmin.extract.orgs import find_orgs
from vnadmin.pipeline import parse_text

ROLES = {"lead": "chủ trì", "cooperate": "phối hợp", "requested": "đề nghị", "responsible": "thực hiện"}


def _assignees(text: str) -> set[tuple[str, str]]:
    doc = parse_text(text)
    out = set()
    for t in doc.tasks:
        for a in t.assignees:
            assert a.span is not None
            written = " ".join(doc.text[a.span[0] : a.span[1]].split())
            # a member of a list under one shared head ("Các Bộ: Công an, …") gets the head back
            assert a.name == written or a.name.endswith(f" {written}")
            out.add((a.name, ROLES[a.role]))
    return out


CASES: list[tuple[str, str, set[tuple[str, str]]]] = [
    (
        # "<body> giao": the giver of a resolution's last article is no assignee; the bodies heading its items are
        "nq-hdnd-quangninh-2025-99",
        "Điều 5. Hội đồng nhân dân tỉnh giao\n\n1. Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết."
        "\n\n2. Thường trực, các ban, các tổ đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n",
        {
            ("Ủy ban nhân dân tỉnh", "thực hiện"),
            ("Thường trực", "thực hiện"),
            ("các ban", "thực hiện"),
            ("các tổ đại biểu Hội đồng nhân dân tỉnh", "thực hiện"),
        },
    ),
    (
        # the units a named leader is in charge of are not assignees of the decision
        "qd-gialai-syt-2026-342",
        "Điều 2. Phân công nhiệm vụ của Giám đốc và các Phó Giám đốc Sở\n\n1. Ông Lê Quang Hùng, Giám đốc\n\n"
        "- Phụ trách chung, lãnh đạo, chỉ đạo, quản lý và điều hành toàn bộ hoạt động của Sở Y tế.\n\n"
        "- Trực tiếp theo dõi các đơn vị:\n\n+ Phòng Tổ chức cán bộ.\n\n+ Bệnh viện Đa khoa khu vực Bồng Sơn.\n\n"
        "+ Bệnh viện Lao và Bệnh phổi Pleiku.\n",
        set(),
    ),
    (
        # a heading body whose dash bullets only cooperate
        "kh-bvhttdl-2025-3283",
        "2. Các nhiệm vụ do Bộ VHTTDL phối hợp thực hiện\n\n2.4. Bảo tàng Hồ Chí Minh\n\n- Phối hợp với các cơ quan, "
        "đơn vị liên quan tổ chức triển lãm tranh Sơn mài khổ lớn.\n\n- Thực hiện các nhiệm vụ khác do Lãnh đạo Bộ "
        "phân công.\n",
        {("Bảo tàng Hồ Chí Minh", "phối hợp")},
    ),
    (
        # … but one bullet of its own ("Thu hút, kêu gọi đầu tư …") makes the heading body responsible
        "kh-dongthap-2025-552",
        "V. TỔ CHỨC THỰC HIỆN\n\n6. Ban\nQuản lý khu Kinh tế\n\n- Phối hợp với các sở, ngành\nvà địa phương tổ chức "
        "triển khai các chương trình, kế hoạch hỗ trợ đổi mới công\nnghệ.\n\n- Thu hút, kêu gọi đầu tư\nvào các dự án "
        "công nghệ cao, công nghiệp chế biến sâu, sản xuất xanh.\n\n- Phối hợp tổ chức tập huấn,\nbồi dưỡng nâng cao "
        "năng lực cho cán bộ, doanh nghiệp.\n",
        {("Ban Quản lý khu Kinh tế", "thực hiện")},
    ),
    (
        # a heading line naming a body, the tasks in dash bullets below; the role from the bullets' first clauses
        "ct-quangtri-2025-06",
        "III. TỔ CHỨC THỰC HIỆN\n\n2. Sở Nông nghiệp và Môi trường\n\n- Tăng cường tham mưu, chỉ đạo\nquản lý nhà "
        "nước về rừng và đất lâm nghiệp.\n\n3. Sở Tài chính\n\n- Trên cơ sở chức năng nhiệm\nvụ, chủ trì, phối hợp "
        "với các cơ quan, đơn vị có liên quan tham mưu Ủy ban nhân\ndân tỉnh bố trí kinh phí bảo vệ rừng.\n",
        {("Sở Nông nghiệp và Môi trường", "thực hiện"), ("Sở Tài chính", "chủ trì")},
    ),
    (
        # bodies heading sub-items two levels down ("2.2. … c) Sở Khoa học và Công⏎nghệ"); a "cơ quan chủ trì"
        # deep inside a sub-item is not the collective's role
        "ct-daklak-2025-010",
        "I. Trách nhiệm phối hợp trong công tác thẩm định\n\n2.\nCác sở, ban, ngành, địa phương: Là các đơn vị được "
        "lấy ý kiến thẩm định, chịu trách nhiệm\ntrước UBND tỉnh các nội dung sau:\n\n2.1.\nTrách nhiệm chung\n\n"
        "a) Văn bản thẩm định phải thể hiện đầy đủ. Trường hợp đề nghị Cơ quan chủ trì chuyển nội dung thẩm định thì "
        "phải nêu rõ căn cứ pháp lý.\n\n2.2.\nTrách nhiệm cụ thể\n\nc) Sở Khoa học và Công\nnghệ\n\n- Đánh giá về "
        "công nghệ sử dụng trong dự án đầu tư.\n\nđ) Công an tỉnh, Bộ Chỉ\nhuy Quân sự tỉnh\n\n- Đánh giá sự phù hợp "
        "của dự án đầu tư với lĩnh vực an ninh, quốc phòng.\n",
        {
            ("Các sở, ban, ngành, địa phương", "thực hiện"),
            ("Sở Khoa học và Công nghệ", "thực hiện"),
            ("Công an tỉnh", "thực hiện"),
            ("Bộ Chỉ huy Quân sự tỉnh", "thực hiện"),
        },
    ),
    (
        # a descriptive head listing its members in parentheses; "Là đầu mối chủ trì" in the first sub-item
        "ct-daklak-2025-010",
        "I. Trách nhiệm phối hợp\n\n1.\nCác cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, "
        "Ban\nquản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên, Ban Quản lý các Khu\ncông nghiệp tỉnh):\n\n"
        "a) Là đầu mối chủ trì, tiếp\nnhận hồ sơ, tổ chức lấy ý kiến thẩm định.\n\nb) Chịu trách nhiệm tiếp\nnhận "
        "hồ sơ.\n",
        {
            ("Sở Tài chính", "chủ trì"),
            ("Ban quản lý Khu Kinh tế Phú Yên", "chủ trì"),
            ("Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên", "chủ trì"),
            ("Ban Quản lý các Khu công nghiệp tỉnh", "chủ trì"),
        },
    ),
    (
        # a request whose first line wraps inside a name ("các Ban Xây⏎dựng Đảng"): the whole list is requested
        "kh-nghean-2025-1026",
        "III. PHÂN CÔNG NHIỆM VỤ\n\n6. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây\ndựng Đảng và Ủy ban Kiểm tra Tỉnh "
        "ủy, Văn phòng Đoàn đại biểu Quốc hội và HĐND\ntỉnh, Viện kiểm sát nhân dân tỉnh, Kho bạc nhà nước\nkhu vực "
        "XI tăng\ncường công tác bảo vệ bí mật nhà nước.\n",
        {
            ("Văn phòng Tỉnh ủy", "đề nghị"),
            ("các Ban Xây dựng Đảng", "đề nghị"),
            ("Ủy ban Kiểm tra Tỉnh ủy", "đề nghị"),
            ("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh", "đề nghị"),
            ("Viện kiểm sát nhân dân tỉnh", "đề nghị"),
            ("Kho bạc nhà nước khu vực XI", "đề nghị"),
        },
    ),
    (
        # "có trách nhiệm phối hợp", "theo chức năng nhiệm vụ được giao phối hợp" → phối hợp
        "ct-daklak-2025-010 / ct-quangtri-2025-06",
        "II. Trách nhiệm phối hợp giải quyết thủ tục đầu tư\n\n1. Sở Tài chính, Sở Xây dựng,\nUBND cấp xã theo chức "
        "năng, nhiệm vụ được giao có trách nhiệm phối\nhợp công bố đầy đủ thông tin về quy hoạch.\n\n6. Các sở, ban, "
        "ngành liên quan\ntheo chức năng nhiệm vụ được giao phối hợp với các địa phương, đơn vị, chủ rừng\ntriển "
        "khai thực hiện có hiệu quả Chỉ thị này.\n",
        {
            ("Sở Tài chính", "phối hợp"),
            ("Sở Xây dựng", "phối hợp"),
            ("UBND cấp xã", "phối hợp"),
            ("Các sở, ban, ngành liên quan", "phối hợp"),
        },
    ),
    (
        # labelled field "Cơ quan thực hiện: X chủ trì, phối hợp với …" (collective partners not listed) and a field
        # of several clauses, the bodies before each clause's verb
        "kh-hcm-2025-174 / kh-hcm-2025-172",
        "III. NỘI DUNG HOẠT ĐỘNG\n\n1. Hoạt động 1\n\n- Nội dung: Triển khai Tháng hành động.\n\n- Cơ quan thực hiện: "
        "Sở Nội\nvụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân\ndân phường, xã, đặc "
        "khu, báo, đài và các đơn vị có liên quan.\n\n2. Hoạt động 2\n\n- Cơ quan thực hiện: Sở Y tế\nchủ trì tham "
        "mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp và các\nsở, ban, ngành Thành phố triển khai "
        "thực hiện.\n",
        {
            ("Sở Nội vụ", "chủ trì"),
            ("Sở Y tế", "chủ trì"),
            ("Sở Tư pháp", "thực hiện"),
            ("các sở, ban, ngành Thành phố", "thực hiện"),
        },
    ),
    (
        # in a content part of a plan with an assignment part, a body as subject describes the content …
        "kh-mttq-baccamranh-2025",
        "III. NỘI DUNG KIỂM TRA, GIÁM SÁT\n\n1. Kiểm tra việc thành lập\n\n- Ban Thường trực Ủy ban MTTQ phường giám "
        "sát việc thành lập các tổ chức phụ trách bầu cử.\n\n2. Xây dựng văn bản\n\nSở, ban, ngành thuộc Ủy ban\n"
        "nhân dân Thành phố có trách nhiệm rà soát, tham mưu ban hành văn bản.\n\nV. TỔ CHỨC THỰC HIỆN\n\n2. Ban "
        "công tác Mặt trận các tổ dân phố căn cứ kế hoạch này, khi có thông báo chủ động phối hợp thực hiện kế "
        "hoạch kiểm tra.\n\n3. Các tổ chức thành viên của MTTQ Việt Nam phường tham gia kiểm tra, giám sát công "
        "tác bầu cử.\n\n5. Kết thúc cuộc bầu cử, Ban Thường trực Ủy ban MTTQ Việt Nam phường, chịu trách nhiệm "
        "tổng hợp báo cáo.\n",
        # … but an obligation ("có trách nhiệm") counts anywhere, and in "Tổ chức thực hiện" every subject does
        {
            ("Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố", "thực hiện"),
            ("Ban công tác Mặt trận các tổ dân phố", "phối hợp"),
            ("Các tổ chức thành viên của MTTQ Việt Nam phường", "thực hiện"),
            ("Ban Thường trực Ủy ban MTTQ Việt Nam phường", "thực hiện"),
        },
    ),
    (
        # a collective label with its members after a colon; a sentence listing bodies before ";" joins the next
        "gm-lamdong-2026-85 / ct-daklak-2025-010",
        "6. Phân công chuẩn bị:\n\n- Các sở, ngành: Văn phòng UBND tỉnh, Sở Tư pháp, Sở Tài chính chuẩn bị báo cáo "
        "nội dung có liên quan.\n\nIII. Tổ chức thực hiện\n\n1. Thủ trưởng các Sở, ban, ngành; Chủ tịch UBND cấp xã "
        "căn cứ\nchức năng, nhiệm vụ được giao, có trách nhiệm triển khai thực hiện.\n",
        {
            ("Văn phòng UBND tỉnh", "thực hiện"),
            ("Sở Tư pháp", "thực hiện"),
            ("Sở Tài chính", "thực hiện"),
            ("Thủ trưởng các Sở, ban, ngành", "thực hiện"),
            ("Chủ tịch UBND cấp xã", "thực hiện"),
        },
    ),
    (
        # closing formulas give no task ("Trên đây là …, yêu cầu⏎Thủ trưởng …", "Yêu cầu Giám đốc …; Chủ tịch …")
        "ct-daklak-2025-010 / ct-quangtri-2025-06",
        "III. Tổ chức thực hiện\n\n2. Giao Sở Tài chính chủ trì theo dõi, tổng hợp các khó khăn.\n\nTrên đây là Chỉ "
        "thị về\nnâng cao trách nhiệm, yêu cầu\nThủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường nghiêm "
        "túc triển\nkhai thực hiện./.\n\nYêu cầu Giám đốc các sở, ban,\nngành; Chủ tịch Ủy ban nhân dân các xã, "
        "phường, đặc khu Cồn Cỏ; Thủ trưởng các\ncơ quan, đơn vị có liên quan triển khai thực hiện nghiêm túc Chỉ "
        "thị này./.\n",
        {("Sở Tài chính", "chủ trì")},
    ),
    (
        # a telegram's addressees ("… điện:"), a list under one shared head ("Các Bộ: …", with the comma inside
        # "Văn hóa, Thể thao và Du lịch"), and a collective label before the bodies it stands for
        "cd-vpcp-2025-2003",
        "VĂN PHÒNG CHÍNH PHỦ\n\nSố: 2003 /CĐ-VPCP\n\nHà Nội, ngày 07 tháng 10 năm 2025\n\nCÔNG ĐIỆN\n"
        "mời dự Hội nghị triển khai Chương trình\n\nVĂN PHÒNG CHÍNH PHỦ điện:\n\n"
        "- Các Bộ: Công an, Quốc phòng, Văn hóa, Thể thao và Du lịch, Giáo dục và Đào tạo;\n\n"
        "- Tòa án nhân dân tối cao;\n\n"
        "- Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam.\n\n"
        "Văn phòng Chính phủ trân trọng kính mời dự Hội nghị.\n",
        {
            ("Bộ Công an", "thực hiện"),
            ("Bộ Quốc phòng", "thực hiện"),
            ("Bộ Văn hóa, Thể thao và Du lịch", "thực hiện"),
            ("Bộ Giáo dục và Đào tạo", "thực hiện"),
            ("Tòa án nhân dân tối cao", "thực hiện"),
            ("Đài Truyền hình Việt Nam", "thực hiện"),
            ("Thông tấn xã Việt Nam", "thực hiện"),
        },
    ),
    (
        # the executors in an unnumbered paragraph of the last Điều; "Giám đốc các Sở: …" gives the departments;
        # the members named in Điều 1 are executors by reference
        "qd-gialai-2026-326",
        "Điều 1. Thành lập Hội đồng.\n\nĐiều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n\n"
        "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nông nghiệp và Môi trường, Xây dựng, Tài chính, Tư pháp; "
        "Thủ trưởng các cơ quan, đơn vị có liên quan và các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành "
        "Quyết định này./.\n",
        {
            ("Chánh Văn phòng UBND tỉnh", "thực hiện"),
            ("Sở Nông nghiệp và Môi trường", "thực hiện"),
            ("Sở Xây dựng", "thực hiện"),
            ("Sở Tài chính", "thực hiện"),
            ("Sở Tư pháp", "thực hiện"),
            ("các thành viên có tên tại Điều 1", "thực hiện"),
        },
    ),
    (
        # bodies heading the persons they nominate to a working group give no task
        "qd-lamdong-hdtd-2025-10797",
        "Điều 1. Thành lập Tổ giúp việc, gồm:\n\n3. Các thành viên:\n\na) Sở Nội vụ:\n\n"
        "- Ông Nguyễn Thành Nhân - Trưởng phòng Công chức viên chức.\n\n"
        "c) Văn phòng Ủy ban nhân dân tỉnh: Ông Trần Quang Khải - Phó Giám đốc Trung tâm.\n\n"
        "Điều 2. Các thành viên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.\n",
        {("Các thành viên tại Điều 1", "thực hiện")},
    ),
    (
        # a name wrapped at a line end inside a request; communes listed under one shared head
        "kh-dongthap-2025-556",
        "VI. TỔ CHỨC THỰC HIỆN\n\n1. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông\n\n"
        "- Xây dựng kế hoạch cụ thể hóa các nhiệm vụ và giải pháp.\n\n3. Đề nghị Ủy ban Mặt trận\n"
        "Tổ quốc Việt Nam tỉnh và các Đoàn thể tỉnh bằng nhiều hình thức tuyên truyền và vận động Nhân dân.\n",
        {
            ("Ủy ban nhân dân xã Gia Thuận", "thực hiện"),
            ("Ủy ban nhân dân xã Tân Điền", "thực hiện"),
            ("Ủy ban nhân dân xã Gò Công Đông", "thực hiện"),
            ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "đề nghị"),
            ("các Đoàn thể tỉnh", "đề nghị"),
        },
    ),
    (
        # office holders as the value of "Đơn vị chủ trì/phối hợp:" fields and as item headings ("… phụ trách …")
        "kh-mttq-luongminh-quangninh-2025-16",
        "II. NHIỆM VỤ CỤ THỂ\n\n1.1. Xây dựng Kế hoạch công tác bầu cử.\n\n"
        "- Đơn vị chủ trì: Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội\n\n"
        "- Đơn vị phối hợp: Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên cơ quan MTTQ xã.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n3. Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội\n\n"
        "- Tham mưu xây dựng, trình Ban Thường trực ban hành Kế hoạch.\n\n"
        "8. Ban công tác Mặt trận các thôn trên địa bàn xã\n\n- Tuyên truyền, vận động Nhân dân.\n",
        {
            ("Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội", "chủ trì"),
            ("Các Phó chỉ tịch", "phối hợp"),
            ("Trưởng đoàn thể xã", "phối hợp"),
            ("các Chuyên viên cơ quan MTTQ xã", "phối hợp"),
            ("Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội", "thực hiện"),
            ("Ban công tác Mặt trận các thôn trên địa bàn xã", "thực hiện"),
        },
    ),
    (
        # the partners of a lead follow "chủ trì, phối hợp với"; "tham mưu UBND tỉnh phối hợp Bộ Y tế" has its own
        # subject; vague collective partners ("… liên quan") are not listed
        "kh-dongnai-2025-182",
        "III. TỔ CHỨC THỰC HIỆN\n\n5. Sở Y tế\n\nChủ trì, phối hợp với Sở Tư pháp, các sở, ban, ngành liên quan "
        "tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế triển khai Dự án.\n\n- Tích cực phối hợp với Công an tỉnh "
        "trong công tác cai nghiện.\n",
        {("Sở Y tế", "chủ trì"), ("Sở Tư pháp", "phối hợp")},
    ),
    (
        # a bracket after the heading body describes it: the body inside is not an assignee
        "kh-hcm-2025-174",
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ (Cơ quan thường trực Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới "
        "Thành phố):\n\n- Chủ trì rà soát nhân sự, tham mưu kiện toàn Ban.\n",
        {("Sở Nội vụ", "chủ trì")},
    ),
    (
        # a letter asking its addressees as a group ("Bộ Nội vụ đề nghị các bộ, tỉnh …") makes them requested
        "cv-bnv-2025-12094",
        "BỘ NỘI VỤ\n\nSố: 12094 /BNV-CCHC\nV/v hướng dẫn triển khai Đề án\n\nHà Nội, ngày 15 tháng 12 năm 2025"
        "\n\nKính gửi:\n\n- Các bộ, cơ quan ngang bộ;\n\n- Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương."
        "\n\nĐể việc triển khai bảo đảm tiến độ, Bộ Nội vụ đề nghị các bộ, tỉnh quan tâm, chỉ đạo thực hiện.\n",
        {
            ("Các bộ, cơ quan ngang bộ", "đề nghị"),
            ("Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", "đề nghị"),
        },
    ),
    (
        # items headed by a body in a part that describes the present structure are no tasks; those of the
        # assignment part are
        "pa-bariavungtau-2025-9351",
        "Phần II\n\nTHỰC TRẠNG TỔ CHỨC BỘ MÁY CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG CẤP HUYỆN\n\n1. Hội đồng nhân dân cấp huyện"
        "\n\nHội đồng nhân dân các huyện, thành phố gồm 280 đại biểu, 60 tổ đại biểu.\n\n2. Ủy ban nhân dân cấp huyện"
        "\n\nỦy ban nhân dân các huyện, thành phố gồm 08 Chủ tịch, 20 Phó Chủ tịch.\n\nPhần III\n\nTỔ CHỨC THỰC HIỆN"
        "\n\n1. Giao Sở Nội vụ\n\nHướng dẫn Ủy ban nhân dân cấp xã thực hiện quy trình thành lập các phòng."
        "\n",
        {("Sở Nội vụ", "thực hiện")},
    ),
    (
        # a report's results by body say what was done: no task; its tasks for next year are
        "bc-lamdong-2025-329",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n\n1. Cải cách thể chế\n\nSở Nội vụ thực hiện thẩm định"
        " 268 dự thảo văn bản quy phạm pháp luật, bảo đảm chất lượng.\n\nIV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM 2026"
        "\n\n1. Sở Tư pháp: Tiếp tục thẩm định dự thảo văn bản quy phạm pháp luật.\n",
        {("Sở Tư pháp", "thực hiện")},
    ),
]


@pytest.mark.parametrize(("doc", "text", "expected"), CASES, ids=[f"{c[0]}:{i}" for i, c in enumerate(CASES)])
def test_assignment_rule(doc: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert _assignees(text) == expected


@pytest.mark.parametrize(
    ("phrase", "bodies"),
    [
        # lower-case words inside a listed name, closed by a list separator
        (
            "(Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, Ban\nquản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú "
            "Yên, Ban Quản lý các Khu\ncông nghiệp tỉnh):",
            [
                "Sở Tài chính",
                "Ban quản lý Khu Kinh tế Phú Yên",
                "Ban\nquản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên",
                "Ban Quản lý các Khu\ncông nghiệp tỉnh",
            ],
        ),
        # … but not a verb and its object after a name
        ("Sở Tài chính thẩm định Dự án, báo cáo", ["Sở Tài chính"]),
        ("Sở Văn hóa, Thể thao và Du lịch tổ chức Lễ hội X,", ["Sở Văn hóa, Thể thao và Du lịch"]),
        # a locality list wrapped after a comma
        ("Ủy ban nhân dân phường,\nxã, đặc khu căn cứ", ["Ủy ban nhân dân phường,\nxã, đặc khu"]),
        # "các <Ban|Sở …> <Name>" is a plural body, not the collective "các Ban"
        (
            "Giao Thường trực Hội đồng\nnhân dân, các Ban Hội đồng nhân dân, Tổ đại biểu và",
            ["Thường trực Hội đồng\nnhân dân", "các Ban Hội đồng nhân dân", "Tổ đại biểu"],
        ),
        ("Các Sở, ban, ngành", ["Các Sở, ban, ngành"]),
        # member organisations of a front
        (
            "Các tổ chức thành viên của MTTQ Việt Nam phường tham gia",
            ["Các tổ chức thành viên của MTTQ Việt Nam phường"],
        ),
        (
            "Phụ nữ Thành phố và các tổ\nchức thành viên của Mặt trận\n\n- Trong",
            ["các tổ\nchức thành viên của Mặt trận"],
        ),
        # media collectives and residential-group localities
        ("Các cơ quan thông tin, truyền thông của tỉnh: Xây dựng", ["Các cơ quan thông tin, truyền thông của tỉnh"]),
        ("Ban công tác Mặt trận các tổ dân phố căn cứ", ["Ban công tác Mặt trận các tổ dân phố"]),
    ],
)
def test_org_names(phrase: str, bodies: list[str]) -> None:
    found = find_orgs(phrase)
    assert [m.text for m in found if not m.text.startswith("Phụ nữ")] == bodies
    for m in found:
        assert phrase[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("phrase", "generic"),
    [("Các sở, ban, ngành liên quan", False), ("các cơ quan, đơn vị có liên quan", True)],
)
def test_related_departments_are_not_generic(phrase: str, generic: bool) -> None:
    (m,) = find_orgs(phrase)
    assert m.generic is generic


def test_decision_executors_listed_as_written() -> None:
    # qd-gialai-syt-2026-3990 Điều 3: the executors of a decision; the names after "Trưởng các phòng:" are its
    # departments, and "Thủ trưởng các cơ quan, đơn vị có liên quan" is generic
    text = (
        "QUYẾT ĐỊNH\nBan hành quy trình xử lý văn bản\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy trình xử lý văn bản.\n\n"
        "Điều 3. Trưởng các phòng: Tổ chức Cán bộ, Kế hoạch - Tài chính, Nghiệp vụ Y, Nghiệp vụ Dược, Bảo trợ xã hội "
        "và Trẻ em, Chánh Văn phòng Sở Y tế; Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
        "Quyết định này kể từ ngày ký./.\n"
    )
    assert _assignees(text) == {("Trưởng các phòng", "thực hiện"), ("Chánh Văn phòng Sở Y tế", "thực hiện")}


def test_decision_executors_named_by_title() -> None:
    # qd-gialai-syt-2026-4085 Điều 3 with the office holders named by title alone put in front, as Điều 5 of the
    # decision it amends writes them: each is an executor as written
    text = (
        "QUYẾT ĐỊNH\nBổ sung phân công nhiệm vụ\n\n"
        "Điều 3. Giám đốc, các Phó Giám đốc, Trưởng các phòng, Chánh Văn phòng Sở Y tế; Thủ trưởng các đơn vị trực "
        "thuộc Sở Y tế chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert _assignees(text) == {
        ("Giám đốc", "thực hiện"),
        ("các Phó Giám đốc", "thực hiện"),
        ("Trưởng các phòng", "thực hiện"),
        ("Chánh Văn phòng Sở Y tế", "thực hiện"),
        ("Thủ trưởng các đơn vị trực thuộc Sở Y tế", "thực hiện"),
    }


def test_a_bare_frequency_stays_on_its_task_but_is_no_due_date() -> None:
    # kh-lamdong-2025-cchc-2026: "Định kỳ hằng tháng" has no day to meet (gold: "Hằng năm" without a day is no
    # deadline); "trước ngày 15 hằng tháng" has one
    text = (
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Nội vụ: Định kỳ hằng tháng, công khai trên Cổng thông tin điện tử của tỉnh kết quả đánh giá Bộ chỉ "
        "số; báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.\n"
    )
    doc = parse_text(text)
    assert [d.recurrence.rrule for d in doc.deadlines if d.recurrence] == ["FREQ=MONTHLY;BYMONTHDAY=15"]
    rules = {d.recurrence.rrule for t in doc.tasks for d in t.deadlines if d.recurrence}
    assert rules == {"FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=15"}
