fn one() -> u32 {
    let x: = 1;
    x
}

fn two() -> u32 {
    let y = (2 + );
    y
}

async fn main() {
    println!("{} {}", one(), two());
}
