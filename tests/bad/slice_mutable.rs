fn main() {
    let mut buf = [0u8; 8];
    let part = &mut buf[..4];
    part[0] = 1;
}
