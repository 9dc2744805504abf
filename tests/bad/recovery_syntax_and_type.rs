fn broken() -> u32 {
    let a = ;
    a
}

fn typed() -> u32 {
    let s: String = 5;
    7
}

async fn main() {
    println!("{}", typed());
}
