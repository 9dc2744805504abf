// An `impl` block for a type that does not exist (a typo of `Disk`).
struct Disk;

impl Disks {
    fn size(&self) -> u32 {
        4
    }
}

async fn main() {
    let _d = Disk;
}
