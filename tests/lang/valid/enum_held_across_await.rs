// An enum value held across an `.await` is a field of the state machine's suspended state, with
// the enum's size (a tag and the largest variant); the lowering builds its variants as written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Idle,
    Busy(u32),
    Done { code: u8 },
}

async fn step(p: Phase) -> Phase {
    sleep(Duration::from_millis(10)).await;
    match p {
        Phase::Idle => Phase::Busy(1),
        Phase::Busy(n) => Phase::Done { code: n as u8 },
        Phase::Done { .. } => p,
    }
}

async fn main() {
    let mut p = Phase::Idle;
    while p != (Phase::Done { code: 1 }) {
        p = step(p).await;
        println!("{:?}", p);
    }
}
